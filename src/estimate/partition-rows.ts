import type { Partitioning, Table } from '../model/schema.js';
import { RATE_UNITS } from '../spec/quantities.js';

const INTERVAL_SECONDS: Record<Partitioning['interval'], number> = { day: 86_400, week: 604_800, month: RATE_UNITS.month, year: 12 * RATE_UNITS.month };

/**
 * How a range-partitioned table's rows spread over its partitions: `history` + `premake` ones made
 * around now, plus the default partition. Rows cover the last `monthsOfRows` months evenly (rows
 * arrive at the growth rate and expire after the retention); a window of S intervals ending at
 * an instant assumed mid-interval touches ceil(S + ½) partitions, the oldest rows falling into
 * the default partition when the window reaches past the history. The rest stay empty: each
 * still has an index metapage per index.
 */
export function partitionRows(table: Table, rows: number, monthsOfRows?: number): number[] {
  const p = table.partitioning;
  if (!p) return [rows];
  const partitions = p.history + p.premake + 1;
  const months = monthsOfRows ?? defaultMonthsOfRows(table);
  const span = (months * RATE_UNITS.month) / INTERVAL_SECONDS[p.interval];
  const filled = rows > 0 ? Math.max(1, Math.min(partitions, p.history + 1, Math.ceil(span + 0.5))) : 0;
  return Array.from({ length: partitions }, (_, i) => (i < filled ? rows / filled : 0));
}

/** Months of rows a table holds at its spec volume: its rows over its growth, within its retention (as the seeder spreads them). */
export function defaultMonthsOfRows(table: Table): number {
  const v = table.volume;
  const retention = (v?.retentionSeconds ?? table.partitioning?.retentionSeconds ?? Number.POSITIVE_INFINITY) / RATE_UNITS.month;
  const months = v && v.rows > 0 && v.growthPerMonth > 0 ? v.rows / v.growthPerMonth : 12;
  return Math.min(months, retention);
}
