import type { EnumType, NativeObject, Schema, Table } from '../../../model/schema.js';
import type { IntrospectOptions, Introspector } from '../../introspection.js';
import type { SqlSession } from '../../session.js';
import { describeMysqlVersion, mysqlFlavorOf, mysqlSession } from '../session.js';
import { buildTable } from './build-table.js';
import { readChecks } from './checks.js';
import { readColumns } from './columns.js';
import { readFeatures } from './features.js';
import { readForeignKeys } from './foreign-keys.js';
import { readIndexParts } from './indexes.js';
import { byName, byTable, tableKey } from './keys.js';
import { readPartitioning } from './partitions.js';
import { readRoutines } from './routines.js';
import { readServerStatistics, readStatsSince } from './statistics.js';
import { readTables } from './tables.js';
import { readTriggers } from './triggers.js';
import { readViews } from './views.js';

type Result = Awaited<ReturnType<Introspector['introspect']>>;

const SYSTEM_DATABASES = ['information_schema', 'mysql', 'performance_schema', 'sys'];

export const CURRENT_DATABASE_SQL = 'SELECT DATABASE() AS name';
export const DATABASES_SQL = `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (?)`;

/**
 * Reads the databases (the connection's own unless `namespaces` names others) with one query per
 * concern over all their tables at once, so a thousand tables cost the same dozen queries.
 */
export async function introspectMysql(db: SqlSession, options: IntrospectOptions = {}): Promise<Result> {
  const [version] = await db.query<{ version: string }>(mysqlSession.version);
  const serverVersion = describeMysqlVersion(version?.version ?? '');
  const flavor = mysqlFlavorOf(version?.version ?? '');
  const [current] = await db.query<{ name: string | null }>(CURRENT_DATABASE_SQL);
  const own = current?.name ?? null;
  const namespaces = [
    ...new Set(options.namespaces ?? (own ? [own] : (await db.query<{ name: string }>(DATABASES_SQL, [SYSTEM_DATABASES])).map((r) => r.name))),
  ].sort(byName);
  const statsSince = await readStatsSince(db);
  if (namespaces.length === 0) return { schema: { tables: [], enums: [], native: [] }, statsSince, serverVersion, namespaces };

  const features = await readFeatures(db);
  const tableRows = await readTables(db, namespaces);
  const columns = byTable(await readColumns(db, namespaces, features));
  const indexParts = byTable(await readIndexParts(db, namespaces, features));
  const foreignKeys = await readForeignKeys(db, namespaces);
  const checks = byTable(await readChecks(db, namespaces, features));
  const partitioning = await readPartitioning(db, namespaces);
  const stats = await readServerStatistics(db, namespaces);

  const tables: Table[] = [];
  const enums: EnumType[] = [];
  const native: NativeObject[] = [];
  const qualified = (namespace: string, name: string) => (namespace === own ? name : `${namespace}.${name}`);
  const sortedRows = [...tableRows].sort((a, b) => byName(a.namespace, b.namespace) || byName(a.tableName, b.tableName));
  for (const row of sortedRows) {
    const key = tableKey(row.namespace, row.tableName);
    if (row.type === 'SEQUENCE') {
      native.push({
        kind: 'sequence',
        name: qualified(row.namespace, row.tableName),
        dialect: 'mysql',
        sql: `CREATE SEQUENCE \`${row.tableName.replace(/`/g, '``')}\``,
        reason:
          "a MariaDB sequence: its start, step and bounds are read by selecting from it, not from information_schema; the model's sequences belong to columns",
      });
      continue;
    }
    const built = buildTable(
      {
        key,
        row,
        columns: columns.get(key) ?? [],
        indexParts: indexParts.get(key) ?? [],
        foreignKeys: foreignKeys.get(key) ?? [],
        checks: checks.get(key) ?? [],
        partitioning: partitioning.get(key),
      },
      flavor,
      row.namespace === own,
      stats,
    );
    tables.push(built.table);
    enums.push(...built.enums);
    native.push(...built.native);
  }
  for (const object of [...(await readViews(db, namespaces)), ...(await readTriggers(db, namespaces)), ...(await readRoutines(db, namespaces))]) {
    const { namespace, ...rest } = object;
    native.push({
      ...rest,
      name: qualified(namespace, rest.name),
      ...(rest.table === undefined ? {} : { table: qualified(namespace, rest.table) }),
    });
  }
  const schema: Schema = {
    tables,
    enums: enums.sort((a, b) => byName(a.name, b.name)),
    native: native.sort((a, b) => byName(a.kind, b.kind) || byName(a.name, b.name) || byName(a.table ?? '', b.table ?? '')),
  };
  return { schema, statsSince, serverVersion, namespaces };
}
