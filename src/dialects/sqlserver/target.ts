import type { DdlTarget } from '../ddl-target.js';
import { emitSqlServerDdl } from './ddl.js';
import { quoteSqlServerIdentifier } from './quote.js';
import { sqlServerColumnType } from './types.js';

/** SQL Server 2019+ as a DDL target; no engine runs here, so sqlfluff's tsql dialect parses the script. */
export const sqlServerTarget: DdlTarget = {
  name: 'sqlserver',
  displayName: 'SQL Server 2019+',
  // Filtered indexes are partial indexes; enums are checked nvarchar, not types; no deferrable keys.
  capabilities: { transactionalDdl: true, deferrableConstraints: false, partialIndexes: true, includeColumns: true, enumTypes: false },
  engines: ['sqlserver'],
  prepare: async () => undefined,
  quoteIdentifier: quoteSqlServerIdentifier,
  columnType: (type) => sqlServerColumnType(type),
  emitSchema: emitSqlServerDdl,
};
