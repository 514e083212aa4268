import type { Analysis } from '../analysis.js';
import { partitionTables } from './partition-tables.js';

export const partitioningAnalysis: Analysis = {
  name: 'partitioning',
  areas: ['partitioning'],
  needs: [],
  gives: [],
  run(state) {
    const result = partitionTables(state.spec, state.schema, state.workload);
    return { schema: result.schema, decisions: result.decisions };
  },
};
