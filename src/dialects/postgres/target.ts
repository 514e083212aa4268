import type { DdlTarget } from '../ddl-target.js';
import { parsePg, loadPgParser } from '../../sql/pg-parser.js';
import { emitPostgresDdl } from './ddl.js';
import { quotePgIdentifier } from './quote.js';
import { postgresColumnType } from './types.js';

/** PostgreSQL as a DDL target: the model was built for it, so nothing is substituted. */
export const postgresTarget: DdlTarget = {
  name: 'postgres',
  displayName: 'PostgreSQL 15+',
  capabilities: { transactionalDdl: true, deferrableConstraints: true, partialIndexes: true, includeColumns: true, enumTypes: true },
  engines: ['postgresql', 'yugabytedb'],
  prepare: loadPgParser,
  quoteIdentifier: quotePgIdentifier,
  columnType: postgresColumnType,
  emitSchema(schema) {
    const sql = emitPostgresDdl(schema);
    const parsed = parsePg(sql);
    return { sql, statements: parsed.ok ? (parsed.result.stmts?.length ?? 0) : 0, substitutions: [] };
  },
};
