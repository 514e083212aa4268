import type { Analysis } from '../analysis.js';
import { deriveIndexes } from './derive-indexes.js';
import { deriveForeignKeyIndexes } from './foreign-key-indexes.js';
import { deriveRetentionIndexes } from '../security/retention-indexes.js';

/** Indexes from the access patterns, then the foreign keys no index serves yet, then the time columns retention batches delete by. */
export const indexesAnalysis: Analysis = {
  name: 'indexes',
  areas: ['indexes'],
  needs: [],
  gives: [],
  run(state) {
    const fromPatterns = deriveIndexes(state.schema, state.workload, state.spec.requirements.tenants, state.dialect.storage);
    const withForeignKeys = deriveForeignKeyIndexes(fromPatterns.schema);
    const withRetention = deriveRetentionIndexes(withForeignKeys.schema);
    return { schema: withRetention.schema, decisions: [...fromPatterns.decisions, ...withForeignKeys.decisions, ...withRetention.decisions] };
  },
};
