import type { Dialect } from '../dialect.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { emitPostgresDdl, emitPostgresIndexes } from './ddl.js';
import { explainStatement, parsePostgresPlan } from './explain.js';
import { emitPostgresErasure } from './erasure.js';
import { emitPostgresJobs } from './jobs.js';
import { emitPostgresSecurity } from './security.js';
import { quotePgIdentifier } from './quote.js';
import { postgresColumnType } from './types.js';

export const postgresDialect: Dialect = {
  name: 'postgres',
  displayName: 'PostgreSQL 15+',
  capabilities: { transactionalDdl: true, deferrableConstraints: true, partialIndexes: true, includeColumns: true, enumTypes: true },
  prepare: loadPgParser,
  quoteIdentifier: quotePgIdentifier,
  columnType: postgresColumnType,
  emitDdl: emitPostgresDdl,
  emitIndexes: emitPostgresIndexes,
  explainStatement,
  parsePlan: parsePostgresPlan,
  emitSecurity: emitPostgresSecurity,
  emitErasure: emitPostgresErasure,
  emitJobs: emitPostgresJobs,
};
