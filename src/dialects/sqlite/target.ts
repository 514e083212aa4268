import type { DdlTarget } from '../ddl-target.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { emitSqliteDdl } from './ddl.js';
import { quoteSqliteIdentifier } from './quote.js';
import { sqliteColumnType } from './types.js';

/**
 * SQLite as a DDL target. No engine in the technology catalog is SQLite (it is embedded, not a
 * server the selection weighs), so it is written only when named: `--dialect postgres,sqlite`.
 */
export const sqliteTarget: DdlTarget = {
  name: 'sqlite',
  // STRICT tables need 3.37, json_valid() built in 3.38.
  displayName: 'SQLite 3.38+',
  capabilities: { transactionalDdl: true, deferrableConstraints: true, partialIndexes: true, includeColumns: false, enumTypes: false },
  engines: [],
  // Expressions in PostgreSQL syntax (index keys, view groups, defaults) are read with its parser.
  prepare: loadPgParser,
  quoteIdentifier: quoteSqliteIdentifier,
  columnType: sqliteColumnType,
  emitSchema: emitSqliteDdl,
};
