import type { DdlTarget } from '../ddl-target.js';
import { emitOracleDdl } from './ddl.js';
import { quoteOracleIdentifier } from './quote.js';
import { oracleColumnType } from './types.js';

/** Oracle Database 19c+ as a DDL target; no engine runs here, so sqlfluff's oracle dialect parses the script. */
export const oracleTarget: DdlTarget = {
  name: 'oracle',
  displayName: 'Oracle Database 19c+',
  // Oracle commits each DDL statement; its partial indexes are function-based tricks, not written here.
  capabilities: { transactionalDdl: false, deferrableConstraints: true, partialIndexes: false, includeColumns: false, enumTypes: false },
  engines: ['oracle'],
  prepare: async () => undefined,
  quoteIdentifier: quoteOracleIdentifier,
  columnType: (type) => oracleColumnType(type),
  emitSchema: emitOracleDdl,
};
