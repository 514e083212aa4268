// The load of each pattern is planned once, in design/workload/plan-load.ts; scaling reads it.
export { isWriteShape, type WriteShape } from '../workload/plan-load.js';
export type { PatternLoad } from '../../model/parts/load.js';
