import type { Analysis } from '../analysis.js';
import { planCapacity } from './plan-capacity.js';

/**
 * Sizes, WAL and the hot set at the horizon. Inserts per table are the table's growth spread evenly
 * (the average, which sets sizes and WAL a day); for tables with a volume that is the load part's
 * `averageInsertsPerSecond`, which the consistency check compares with the capacity's rates.
 */
export const capacityAnalysis: Analysis = {
  name: 'capacity',
  areas: ['capacity'],
  needs: ['load'],
  gives: ['capacity'],
  run(state) {
    const { capacity, decisions } = planCapacity(state.spec, state.schema, state.dialect.storage);
    return { parts: { capacity }, decisions };
  },
};
