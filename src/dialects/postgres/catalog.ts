import type { ColumnStat, MeasuredTableSize, StoredTable } from '../../model/measured.js';
import type { DialectCatalog } from '../dialect.js';
import type { SqlSession } from '../session.js';

/**
 * Sizes of the tables of current_schema(), by table name; a partitioned table sums its leaf
 * partitions. pg_table_size is the heap with its free space map, visibility map and TOAST table;
 * rows are pg_class.reltuples, exact after VACUUM or ANALYZE of a whole table, 0 before either.
 */
async function tableSizes(db: SqlSession): Promise<Map<string, MeasuredTableSize>> {
  const rows = await db.query<{ table: string; heap: number; indexes: number; total: number; rows: number }>(
    `WITH top AS (
       SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition),
     leaves AS (
       SELECT relname, oid AS leaf FROM top WHERE relkind = 'r'
       UNION ALL
       SELECT top.relname, tree.relid FROM top CROSS JOIN LATERAL pg_partition_tree(top.oid) tree WHERE top.relkind = 'p' AND tree.isleaf)
     SELECT leaves.relname AS "table", sum(pg_table_size(leaf))::float8 AS heap, sum(pg_indexes_size(leaf))::float8 AS indexes,
       sum(pg_total_relation_size(leaf))::float8 AS total, sum(greatest(part.reltuples, 0))::float8 AS rows
     FROM leaves JOIN pg_class part ON part.oid = leaves.leaf
     GROUP BY leaves.relname
     ORDER BY leaves.relname`,
  );
  return new Map(
    rows.map((r) => [r.table, { heapBytes: Number(r.heap), indexBytes: Number(r.indexes), totalBytes: Number(r.total), rows: Math.round(Number(r.rows)) }]),
  );
}

/** pg_stats.avg_width (varlena header included, rounded down by PostgreSQL) and null_frac of every analyzed column. */
async function columnStats(db: SqlSession): Promise<Map<string, Map<string, ColumnStat>>> {
  const rows = await db.query<{ table: string; column: string; width: number; nulls: number }>(
    `SELECT tablename AS "table", attname AS "column", avg_width::float8 AS width, null_frac::float8 AS nulls
     FROM pg_stats WHERE schemaname = current_schema() AND NOT inherited
     ORDER BY tablename, attname`,
  );
  const stats = new Map<string, Map<string, ColumnStat>>();
  for (const r of rows) {
    let table = stats.get(r.table);
    if (!table) stats.set(r.table, (table = new Map()));
    table.set(r.column, { avgWidth: Number(r.width), nullFraction: Number(r.nulls) });
  }
  return stats;
}

async function storedTables(db: SqlSession): Promise<StoredTable[]> {
  const rows = await db.query<{ relname: string; reltuples: number; relpages: number }>(
    `SELECT relname, greatest(reltuples, 0)::float8 AS reltuples, relpages FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' ORDER BY relname`,
  );
  return rows.map((r) => ({ name: r.relname, rows: Math.round(Number(r.reltuples)), pages: Number(r.relpages) }));
}

/** Partition (table or index) -> its root partitioned parent, through pg_inherits. */
async function partitionRoots(db: SqlSession): Promise<Map<string, string>> {
  const rows = await db.query<{ child: string; parent: string }>(
    `WITH RECURSIVE up AS (
       SELECT i.inhrelid AS child, i.inhparent AS parent FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relnamespace = current_schema()::regnamespace
       UNION ALL SELECT up.child, i.inhparent FROM up JOIN pg_inherits i ON i.inhrelid = up.parent)
     SELECT c.relname AS child, p.relname AS parent FROM up JOIN pg_class c ON c.oid = up.child JOIN pg_class p ON p.oid = up.parent
     WHERE NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = up.parent)`,
  );
  return new Map(rows.map((r) => [r.child, r.parent]));
}

export const postgresCatalog: DialectCatalog = {
  // VACUUM sets the visibility map, without which no index-only scan is possible on fresh data.
  settleStatement: 'VACUUM ANALYZE',
  analyzeStatement: 'ANALYZE',
  statisticsBasis: 'row widths from pg_stats.avg_width and null_frac at the seeded counts; page layout from the model',
  tableSizes,
  columnStats,
  storedTables,
  partitionRoots,
  healthQueries: {
    replicationLag: 'SELECT application_name, replay_lag FROM pg_stat_replication',
    connections: 'SELECT count(*) FROM pg_stat_activity',
    cacheHitRatio: 'SELECT sum(blks_hit) / nullif(sum(blks_hit + blks_read), 0) FROM pg_stat_database',
    deadTuples: 'SELECT relname, n_dead_tup, n_live_tup FROM pg_stat_user_tables',
    longTransactions: "SELECT pid, now() - xact_start FROM pg_stat_activity WHERE xact_start < now() - interval '5 minutes'",
    transactionIdAge: 'SELECT datname, age(datfrozenxid) FROM pg_database',
    walArchiving: 'SELECT failed_count, last_failed_time FROM pg_stat_archiver',
  },
};
