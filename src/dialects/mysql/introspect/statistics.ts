import type { SqlSession } from '../../session.js';
import { numberOrNull, tableKey } from './keys.js';

/** What the server's own statistics say beyond information_schema.TABLES, each part null where the server does not give it. */
export interface ServerStatistics {
  /** Index bytes by table key and index name, from InnoDB's persistent statistics; null when they cannot be read. */
  readonly indexBytes: Map<string, Map<string, number>> | null;
  /** When InnoDB last computed a table's statistics (ISO 8601, UTC), by table key; null when they cannot be read. */
  readonly analyzedAt: Map<string, string> | null;
  /** Row operations through each index since the server started, by table key and index name; null when performance_schema is off or unreadable. */
  readonly indexUses: Map<string, Map<string, number>> | null;
  /** Rows written per table since the server started; null as indexUses. */
  readonly writes: Map<string, number> | null;
}

/** Errors that mean "this table is not there for this user": access denied (1142, 1044) or no such table (1146). */
const UNREADABLE = new Set([1142, 1044, 1146]);

async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (UNREADABLE.has(Number((error as { errno?: unknown }).errno))) return null;
    throw error;
  }
}

/** A partition's statistics are kept under `table#P#partition` (MariaDB, MySQL 5.7) or `table#p#partition` (MySQL 8): they add up to the table's. */
const baseTable = (name: string) => name.split(/#p#/i)[0]!;

export const INDEX_SIZES_SQL = `SELECT s.database_name AS namespace, s.table_name AS tableName, s.index_name AS indexName, s.stat_value * @@innodb_page_size AS bytes
FROM mysql.innodb_index_stats s WHERE s.database_name IN (?) AND s.stat_name = 'size'`;

export const ANALYZED_SQL = `SELECT database_name AS namespace, table_name AS tableName, DATE_FORMAT(last_update, '%Y-%m-%dT%H:%i:%sZ') AS analyzedAt
FROM mysql.innodb_table_stats WHERE database_name IN (?)`;

/** Counted only while performance_schema is on (a server start option); COUNT_STAR is every row fetched, inserted, updated or deleted through the index. */
export const INDEX_USAGE_SQL = `SELECT OBJECT_SCHEMA AS namespace, OBJECT_NAME AS tableName, INDEX_NAME AS indexName, COUNT_STAR AS uses
FROM performance_schema.table_io_waits_summary_by_index_usage WHERE OBJECT_SCHEMA IN (?) AND INDEX_NAME IS NOT NULL`;

export const TABLE_WRITES_SQL = `SELECT OBJECT_SCHEMA AS namespace, OBJECT_NAME AS tableName, COUNT_WRITE AS writes
FROM performance_schema.table_io_waits_summary_by_table WHERE OBJECT_SCHEMA IN (?)`;

export const PERFORMANCE_SCHEMA_ON_SQL = 'SELECT @@performance_schema AS enabled';

type PerIndex = { namespace: string; tableName: string; indexName: string };

function perIndex<R extends PerIndex>(rows: readonly R[], value: (row: R) => number): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = tableKey(row.namespace, baseTable(row.tableName));
    const indexes = out.get(key) ?? new Map<string, number>();
    indexes.set(row.indexName, (indexes.get(row.indexName) ?? 0) + value(row));
    out.set(key, indexes);
  }
  return out;
}

/**
 * Index sizes and analyze times come from mysql.innodb_index_stats and innodb_table_stats, which
 * need SELECT on them (a monitoring grant); without it they are null. Usage counts come from
 * performance_schema: when it is off (the default in MariaDB) or not granted, nothing counts
 * index use, so scans are null rather than a zero that would read as "unused".
 */
export async function readServerStatistics(db: SqlSession, namespaces: readonly string[]): Promise<ServerStatistics> {
  const sizes = await readable(() => db.query<PerIndex & { bytes: number | string }>(INDEX_SIZES_SQL, [namespaces]));
  const analyzed = await readable(() => db.query<{ namespace: string; tableName: string; analyzedAt: string }>(ANALYZED_SQL, [namespaces]));
  const [flag] = await db.query<{ enabled: number | string }>(PERFORMANCE_SCHEMA_ON_SQL);
  const on = Number(flag?.enabled) === 1;
  const uses = on ? await readable(() => db.query<PerIndex & { uses: number | string }>(INDEX_USAGE_SQL, [namespaces])) : null;
  const writes = on ? await readable(() => db.query<{ namespace: string; tableName: string; writes: number | string }>(TABLE_WRITES_SQL, [namespaces])) : null;
  let analyzedAt: Map<string, string> | null = null;
  if (analyzed) {
    analyzedAt = new Map();
    // A partitioned table's statistics are as old as its least recently analyzed partition.
    for (const row of analyzed) {
      const key = tableKey(row.namespace, baseTable(row.tableName));
      const seen = analyzedAt.get(key);
      if (seen === undefined || row.analyzedAt < seen) analyzedAt.set(key, row.analyzedAt);
    }
  }
  return {
    indexBytes: sizes && perIndex(sizes, (r) => Number(r.bytes)),
    analyzedAt,
    indexUses: uses && perIndex(uses, (r) => Number(r.uses)),
    writes: writes && new Map(writes.map((r) => [tableKey(r.namespace, r.tableName), numberOrNull(r.writes) ?? 0])),
  };
}

export const UPTIME_SQL = "SHOW GLOBAL STATUS LIKE 'Uptime'";
export const SINCE_SQL = "SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL ? SECOND, '%Y-%m-%dT%H:%i:%sZ') AS since";

/** The server's start, by its own clock: performance_schema's counters count from there. */
export async function readStatsSince(db: SqlSession): Promise<string | null> {
  const [uptime] = await db.query<{ Value?: string; VALUE?: string }>(UPTIME_SQL);
  const seconds = Number(uptime?.Value ?? uptime?.VALUE);
  if (!Number.isFinite(seconds)) return null;
  const [row] = await db.query<{ since: string }>(SINCE_SQL, [Math.trunc(seconds)]);
  return row?.since ?? null;
}
