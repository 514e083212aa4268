import { part, type Analysis } from '../analysis.js';
import { withChosenStructures } from './chosen-structures.js';

/**
 * The structures later analyses chose, built into the schema: the idempotency keys scaling asks for
 * and the materialized views caching picked. Runs after both and before security, so the grants and
 * the DDL cover them. (Capacity has sized the schema before these: a uuid column and a unique key per
 * retried insert, and the views, are not in its figures.)
 */
export const structuresAnalysis: Analysis = {
  name: 'structures',
  areas: [],
  needs: ['scaling', 'caching'],
  gives: [],
  run(state) {
    const schema = withChosenStructures(state.schema, state.workload, part(state, 'scaling').idempotency, part(state, 'caching'));
    return { schema, decisions: [] };
  },
};
