import type { Schema, Table } from '../../model/schema.js';
import { RATE_UNITS } from '../../spec/quantities.js';
import type { Spec } from '../../model/spec.js';
import { defaultMonthsOfRows } from '../../estimate/partition-rows.js';
import { TENANT_COLUMN } from '../../model/naming.js';

export const MONTH_SECONDS = RATE_UNITS.month;
/** Rows of a table the spec gives no volume and nothing to derive one from (as the index derivation assumes). */
const DEFAULT_ROWS = 1000;

export interface MonthRows {
  readonly month: number;
  readonly rows: ReadonlyMap<string, number>;
  /** Months of rows each table holds (spreads a partitioned table over its partitions). */
  readonly monthsOfRows: ReadonlyMap<string, number>;
}

/** Whole months to the spec's horizon (3y: 36). */
export function horizonMonths(spec: Spec): number {
  return Math.max(1, Math.ceil(spec.requirements.horizon.seconds / MONTH_SECONDS - 1e-9));
}

/**
 * Rows after `month` months: the stated rows plus growth, until retention deletes keep pace with
 * inserts at growth × retention months. A table already above that level stays at its stated rows,
 * as DELETE frees space for reuse but does not shrink the files (conservative); unless it drops
 * partitions, which returns their space from the first month on.
 */
export function rowsAtMonth(volume: NonNullable<Table['volume']>, month: number, dropsPartitions = false): number {
  const grown = volume.rows + volume.growthPerMonth * month;
  if (volume.retentionSeconds === undefined || volume.growthPerMonth <= 0) return grown;
  const steady = volume.growthPerMonth * (volume.retentionSeconds / MONTH_SECONDS);
  return Math.min(grown, dropsPartitions && month > 0 ? steady : Math.max(volume.rows, steady));
}

/** Rows of every table for months 0..months. Tables without a volume follow their parents (derivedRows). */
export function projectRows(schema: Schema, months: number): MonthRows[] {
  return Array.from({ length: months + 1 }, (_, month) => {
    const rows = new Map<string, number>();
    const visiting = new Set<string>();
    const rowsOf = (table: Table): number => {
      const known = rows.get(table.name);
      if (known !== undefined) return known;
      if (visiting.has(table.name)) return DEFAULT_ROWS; // a cycle of tables without volumes
      visiting.add(table.name);
      const n = Math.round(table.volume ? rowsAtMonth(table.volume, month, table.partitioning !== undefined) : derivedRows(schema, table, rowsOf));
      rows.set(table.name, n);
      return n;
    };
    for (const table of schema.tables) rowsOf(table);
    const monthsOfRows = new Map(schema.tables.map((t) => [t.name, monthsHeld(t, rows.get(t.name) ?? 0)]));
    return { month, rows: new Map(schema.tables.map((t) => [t.name, rows.get(t.name) ?? 0])), monthsOfRows };
  });
}

/**
 * A table the spec gives no volume, as the seed plan sizes it: a relation holds about two links per
 * row of its larger side; an entity that references others as many as its larger parent; else 1,000.
 */
function derivedRows(schema: Schema, table: Table, rowsOf: (table: Table) => number): number {
  const parents = table.foreignKeys
    .filter((fk) => fk.refTable !== table.name && !(fk.columns.length === 1 && fk.columns[0] === TENANT_COLUMN))
    .map((fk) => schema.tables.find((t) => t.name === fk.refTable))
    .filter((t): t is Table => t !== undefined)
    .map(rowsOf);
  if (parents.length === 0) return DEFAULT_ROWS;
  const largest = Math.max(...parents);
  return table.kind === 'relation' ? 2 * largest : largest;
}

/** Months of rows a table holds: its rows over its growth, within its retention. */
function monthsHeld(table: Table, rows: number): number {
  const v = table.volume;
  if (!v || v.growthPerMonth <= 0) return defaultMonthsOfRows(table);
  const retention = v.retentionSeconds !== undefined ? v.retentionSeconds / MONTH_SECONDS : Number.POSITIVE_INFINITY;
  return Math.min(rows / v.growthPerMonth, retention);
}

/** Inserts per second: the given rate, else the spec's growth (or, for a derived table, its derived growth) spread over a month. */
export interface InsertRate {
  readonly perSecond: number;
  readonly basis: 'given' | 'growth';
}

export function insertRates(schema: Schema, projection: readonly MonthRows[], given?: ReadonlyMap<string, number>): Map<string, InsertRate> {
  const first = projection[0]?.rows;
  const second = projection[1]?.rows;
  return new Map(
    schema.tables.map((t): [string, InsertRate] => {
      const rate = given?.get(t.name);
      if (rate !== undefined) return [t.name, { perSecond: rate, basis: 'given' }];
      const perMonth = t.volume ? t.volume.growthPerMonth : Math.max(0, (second?.get(t.name) ?? 0) - (first?.get(t.name) ?? 0));
      return [t.name, { perSecond: perMonth / MONTH_SECONDS, basis: 'growth' }];
    }),
  );
}
