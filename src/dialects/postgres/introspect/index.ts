import type { Introspector, IntrospectOptions } from '../../introspection.js';
import type { SqlSession } from '../../session.js';
import { loadPgParser } from '../../../sql/pg-parser.js';
import { type CatalogScope, userNamespaces } from './catalog-query.js';
import { readComments } from './comments.js';
import { readConstraints } from './constraints.js';
import { readIndexes } from './indexes.js';
import { readDomains, readEnums, readExtensions, readFunctions, readTriggers } from './native.js';
import { readPartitionKeys, readPartitions } from './partitions.js';
import { readPolicies } from './policies.js';
import { readSequences } from './sequences.js';
import { readStatsSince, readTableStats } from './statistics.js';
import { readColumns, readTables } from './tables.js';
import { readViews } from './views.js';
import { assembleSchema } from './assemble.js';

/**
 * Reads a PostgreSQL database (a server or PGlite) from pg_catalog: a dozen set-based queries for
 * the whole scope, whatever the number of tables, run one after another on the one session.
 */
export const postgresIntrospector: Introspector = {
  dialect: 'postgres',
  async introspect(db: SqlSession, options: IntrospectOptions = {}) {
    await loadPgParser();
    // One read-only snapshot, so the queries agree with each other; and a fixed search_path, since
    // pg_get_expr and its kin qualify a name by it: names in public print bare, others qualified.
    await db.exec(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL search_path = pg_catalog, public`);
    try {
      return await readAll(db, options);
    } finally {
      await db.exec('ROLLBACK').catch(() => undefined);
    }
  },
};

async function readAll(db: SqlSession, options: IntrospectOptions) {
  const namespaces = options.namespaces?.length ? [...options.namespaces].sort() : await userNamespaces(db);
  const scope: CatalogScope = { db, namespaces };
  const catalog = {
    tables: await readTables(scope),
    columns: await readColumns(scope),
    constraints: await readConstraints(scope),
    indexes: await readIndexes(scope),
    partitionKeys: await readPartitionKeys(scope),
    partitions: await readPartitions(scope),
    views: await readViews(scope),
    policies: await readPolicies(scope),
    comments: await readComments(scope),
    stats: await readTableStats(scope),
    sequences: await readSequences(scope),
    enums: await readEnums(scope),
    functions: await readFunctions(scope),
    triggers: await readTriggers(scope),
    domains: await readDomains(scope),
    extensions: await readExtensions(scope),
  };
  const version = await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  return {
    schema: assembleSchema(catalog),
    statsSince: await readStatsSince(db),
    serverVersion: `PostgreSQL ${version[0]?.v ?? '?'}`,
    namespaces,
  };
}
