import type { Dialect } from '../dialect.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { emitPostgresDdl, emitPostgresIndexes, postgresMaterializedView } from './ddl.js';
import { explainStatement, parsePostgresPlan } from './explain.js';
import { emitPostgresErasure } from './erasure.js';
import { emitPostgresJobs } from './jobs.js';
import { emitPostgresSecurity } from './security.js';
import { quotePgIdentifier } from './quote.js';
import { postgresColumnType } from './types.js';
import { postgresCatalog } from './catalog.js';
import { postgresSharding } from './citus.js';
import { seedPostgres } from './seed-load.js';
import { postgresDiff } from './diff.js';
import { postgresLocks } from './locks.js';
import { postgresMigration } from './migrate/index.js';
import { postgresApply } from './apply.js';
import { postgresSession } from './session.js';
import { postgresSampling } from './sampling.js';
import { postgresStorage } from './storage/index.js';

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
  storage: postgresStorage,
  catalog: postgresCatalog,
  sharding: postgresSharding,
  materializedView: postgresMaterializedView,
  session: postgresSession,
  locks: postgresLocks,
  migration: postgresMigration,
  apply: postgresApply,
  diff: postgresDiff,
  sampling: postgresSampling,
  seed: seedPostgres,
};
