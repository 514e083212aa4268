import type { Engine } from '../../engines/engine.js';
import type { ColumnStat } from './column-widths.js';

/** A table's size as the engine reports it. */
export interface MeasuredTableSize {
  /** pg_table_size: the heap with its free space map, visibility map and TOAST table. */
  readonly heapBytes: number;
  /** pg_indexes_size: every index on the table. */
  readonly indexBytes: number;
  /** pg_total_relation_size: both. */
  readonly totalBytes: number;
  /** pg_class.reltuples: exact after VACUUM or ANALYZE of a whole table, 0 before either. */
  readonly rows: number;
}

/**
 * Sizes of the tables of current_schema(), by table name; a partitioned table sums its leaf
 * partitions. Run VACUUM ANALYZE first, for the maps and the row counts.
 */
export async function measureTableSizes(engine: Engine): Promise<Map<string, MeasuredTableSize>> {
  const rows = await engine.query<{ table: string; heap: number; indexes: number; total: number; rows: number }>(
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
  return new Map(rows.map((r) => [r.table, { heapBytes: Number(r.heap), indexBytes: Number(r.indexes), totalBytes: Number(r.total), rows: Math.round(Number(r.rows)) }]));
}

/**
 * Average stored width (`pg_stats.avg_width`, varlena header included, rounded down by PostgreSQL)
 * and NULL fraction of every analyzed column of current_schema(): table -> column -> stat.
 */
export async function measureColumnStats(engine: Engine): Promise<Map<string, Map<string, ColumnStat>>> {
  const rows = await engine.query<{ table: string; column: string; width: number; nulls: number }>(
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
