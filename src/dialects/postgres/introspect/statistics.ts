import type { TableStats } from '../../../model/schema.js';
import type { SqlSession } from '../../session.js';
import { type CatalogScope, isoOrNull, num, numOrNull, scopedQuery } from './catalog-query.js';

/**
 * What the statistics say of each table of the scope, by oid. A partitioned table sums its leaf
 * partitions (it holds no rows itself). reltuples is -1 (PostgreSQL 14+) until the table is first
 * vacuumed or analyzed: the row estimate is then null, not 0.
 */
export async function readTableStats(scope: CatalogScope): Promise<Map<number, TableStats>> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `WITH top AS (
       SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition),
     leaves AS (
       SELECT oid AS top, oid AS leaf FROM top WHERE relkind = 'r'
       UNION ALL
       SELECT top.oid, tree.relid FROM top CROSS JOIN LATERAL pg_partition_tree(top.oid) tree WHERE top.relkind = 'p' AND tree.isleaf)
     SELECT leaves.top::int8::float8 AS table_oid,
       CASE WHEN bool_and(l.reltuples < 0) THEN NULL ELSE sum(greatest(l.reltuples, 0)) END::float8 AS rows,
       sum(pg_table_size(l.oid))::float8 AS table_bytes, sum(pg_indexes_size(l.oid))::float8 AS index_bytes,
       sum(CASE WHEN l.reltoastrelid <> 0 THEN pg_total_relation_size(l.reltoastrelid) ELSE 0 END)::float8 AS toast_bytes,
       max(greatest(s.last_analyze, s.last_autoanalyze)) AS analyzed_at,
       sum(s.seq_scan)::float8 AS seq_scans, sum(s.idx_scan)::float8 AS idx_scans,
       sum(s.n_tup_ins + s.n_tup_upd + s.n_tup_del)::float8 AS writes
     FROM leaves JOIN pg_class l ON l.oid = leaves.leaf LEFT JOIN pg_stat_all_tables s ON s.relid = leaves.leaf
     GROUP BY leaves.top`,
  );
  return new Map(
    rows.map((r) => [
      num(r.table_oid),
      {
        rows: r.rows === null ? null : Math.round(num(r.rows)),
        tableBytes: num(r.table_bytes),
        indexBytes: num(r.index_bytes),
        toastBytes: num(r.toast_bytes),
        analyzedAt: isoOrNull(r.analyzed_at),
        seqScans: numOrNull(r.seq_scans),
        indexScans: numOrNull(r.idx_scans),
        writes: numOrNull(r.writes),
      },
    ]),
  );
}

/** When the usage counters started: the database's last statistics reset, else the server's start. */
export async function readStatsSince(db: SqlSession): Promise<string | null> {
  const rows = await db.query<{ since: unknown }>(
    `SELECT coalesce((SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()), pg_postmaster_start_time()) AS since`,
  );
  return isoOrNull(rows[0]?.since);
}
