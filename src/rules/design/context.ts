import type { Schema } from '../../model/schema.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';

/** An access pattern as the design rules read it: its name and the shape parsed from its SQL. */
export type DesignPattern = Pick<WorkloadPattern, 'name' | 'shape'>;

/**
 * What every design rule reads: the model as the spec declares it (before the analyses add history,
 * snapshot or partition structures) and the workload's access patterns. `design` runs the set once
 * (src/design/rules/analysis.ts); a test builds it from a spec's text (`loadForAnalysis`).
 */
export interface DesignContext {
  readonly schema: Schema;
  readonly workload: readonly DesignPattern[];
}
