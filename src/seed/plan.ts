import type { ForeignKey, Schema, Table } from '../model/schema.js';
import { seedShape, tenantTableOf, type SeedShape } from './table-shape.js';

export interface SeedPlanOptions {
  /** Rows of the largest table with a spec volume; the others keep their ratio to it (default 200,000; never above the spec). */
  readonly largestRows?: number;
  /** Multiplies each table's spec rows directly (1 = full volume); overrides `largestRows`. */
  readonly scale?: number;
  /** Fewest rows of any table (default 1); tenant-scoped tables always get one row per tenant at least. */
  readonly minRows?: number;
  /** Rows of a table the spec gives no volume and nothing to derive one from (default min(1,000, largestRows)). */
  readonly defaultRows?: number;
  /** Tenants when tenant-scoped tables have no tenant table to count them (default 10). */
  readonly tenants?: number;
}

/** Where a table's row count came from, so a report can say which counts were assumed. */
export type RowBasis = 'spec' | 'derived' | 'default';

export interface PlannedTable {
  readonly table: string;
  readonly rows: number;
  /** Rows the spec states for the table, before scaling. */
  readonly specRows?: number;
  readonly basis: RowBasis;
  /** The count in words: `20M × 0.000222`, `2 × product (relation)`, `raised to 2: one per tenant`. */
  readonly reason: string;
  /** Nullable foreign keys to tables seeded later (a cycle through optional references): set by an UPDATE afterwards. */
  readonly fillLater: readonly string[];
}

export interface SeedPlan {
  /** Spec rows × factor = planned rows (before minimums and caps). */
  readonly factor: number;
  /** The tenants every tenant-scoped row is spread over: the tenant table's rows 1..count. */
  readonly tenants?: { readonly table?: string; readonly count: number };
  /** In seeding order: referenced tables first, except along cycles (deferrable or filled later). */
  readonly tables: readonly PlannedTable[];
}

const DEFAULT_LARGEST = 200_000;

/**
 * Row counts at a scaled volume that keeps the spec's ratios, and the order to seed in. Pure.
 * Tables without a spec volume get a derived count (relation: 2× its larger parent; an entity that
 * references others: as many as its larger parent; growth only: a year of growth) or a default.
 */
export function planSeed(schema: Schema, options: SeedPlanOptions = {}): SeedPlan {
  const largest = options.largestRows ?? DEFAULT_LARGEST;
  const specRows = (t: Table) => (t.volume && t.volume.rows > 0 ? t.volume.rows : undefined);
  const maxSpec = Math.max(0, ...schema.tables.map((t) => specRows(t) ?? 0));
  // In largestRows mode never scale up: a spec smaller than the target is seeded at full volume.
  const factor = options.scale ?? (maxSpec > 0 ? Math.min(1, largest / maxSpec) : 1);
  const capDerived = options.scale === undefined ? largest : Number.POSITIVE_INFINITY;
  const defaultRows = Math.max(1, Math.round(options.defaultRows ?? Math.min(1000, largest)));
  const minRows = Math.max(1, Math.round(options.minRows ?? 1));

  const shapes = new Map(schema.tables.map((t) => [t.name, seedShape(schema, t)]));
  const order = seedingOrder(schema.tables);
  const planned = new Map<string, { rows: number; basis: RowBasis; reason: string }>();

  const scaledSpec = (t: Table) => {
    const rows = specRows(t);
    return rows === undefined ? undefined : Math.round(rows * factor);
  };
  const tenant = tenantTableOf(schema);
  const anyScoped = schema.tables.some((t) => shapes.get(t.name)!.tenantColumn);
  let tenantCount = 0;
  if (tenant) {
    const base = estimate(tenant.table);
    const rows = Math.max(2, minRows, base.rows);
    tenantCount = rows;
    planned.set(tenant.table.name, rows === base.rows ? base : { ...base, rows, reason: `${base.reason}, raised to ${rows}: at least 2 tenants` });
  } else if (anyScoped) tenantCount = Math.max(1, Math.round(options.tenants ?? 10));

  for (const { table } of order) {
    if (planned.has(table.name)) continue;
    const base = estimate(table);
    const shape = shapes.get(table.name)!;
    const floor = Math.max(minRows, shape.tenantColumn ? tenantCount : 1);
    let { rows, reason } = base;
    if (rows < floor) {
      rows = floor;
      reason = `${reason}, raised to ${floor}${shape.tenantColumn && floor === tenantCount ? ': one row per tenant' : ': the minimum'}`;
    }
    if (shape.linkForeignKeys.length) {
      const combinations = linkCapacity(shape, planned, tenantCount);
      const capacity = combinations - keptFree(combinations);
      if (rows > capacity) {
        rows = capacity;
        reason = `${reason}, capped at ${capacity}: every distinct ${shape.linkForeignKeys.map((fk) => fk.refTable).join(' × ')} combination${shape.tenantColumn ? ' within a tenant' : ''}${capacity < combinations ? `, less ${combinations - capacity} left free for inserts` : ''}`;
      }
    }
    planned.set(table.name, { rows, basis: base.basis, reason });
  }

  return {
    factor,
    ...(anyScoped || tenant ? { tenants: { ...(tenant ? { table: tenant.table.name } : {}), count: tenantCount } } : {}),
    tables: order.map(({ table, fillLater }) => {
      const p = planned.get(table.name)!;
      const spec = specRows(table);
      return { table: table.name, rows: p.rows, ...(spec !== undefined ? { specRows: spec } : {}), basis: p.basis, reason: p.reason, fillLater };
    }),
  };

  /** A derived count stays within largestRows, like the spec's tables. */
  function derived(rows: number, reason: string): { rows: number; basis: RowBasis; reason: string } {
    return rows > capDerived
      ? { rows: capDerived, basis: 'derived', reason: `${reason}, capped at ${capDerived}: the largest table's rows` }
      : { rows, basis: 'derived', reason };
  }

  function estimate(table: Table): { rows: number; basis: RowBasis; reason: string } {
    const scaled = scaledSpec(table);
    if (scaled !== undefined) return { rows: Math.max(1, scaled), basis: 'spec', reason: `${specQuantity(specRows(table)!)} × ${formatFactor(factor)}` };
    const shape = shapes.get(table.name)!;
    const parents = table.foreignKeys
      .filter((fk) => fk !== shape.tenantForeignKey && fk.refTable !== table.name)
      .map((fk) => ({ name: fk.refTable, rows: planned.get(fk.refTable)?.rows ?? scaledSpec(schema.tables.find((t) => t.name === fk.refTable)!) }))
      .filter((p): p is { name: string; rows: number } => p.rows !== undefined)
      .sort((a, b) => b.rows - a.rows);
    const top = parents[0];
    if (shape.linkForeignKeys.length === 1 && top) return derived(top.rows, `as many as ${top.name} (its key is the reference: one row per ${top.name})`);
    if (shape.linkForeignKeys.length > 1 && top) return derived(2 * top.rows, `2 × ${top.name} (a relation: about two links per row of its larger side)`);
    const growth = table.volume?.growthPerMonth ?? 0;
    if (growth > 0) {
      const months = Math.min(12, (table.volume?.retentionSeconds ?? Infinity) / MONTH_SECONDS);
      return derived(
        Math.max(1, Math.round(growth * months * factor)),
        `${specQuantity(growth)}/month for ${+months.toFixed(1)} months × ${formatFactor(factor)}`,
      );
    }
    if (top) return derived(top.rows, `as many as ${top.name} (a row per parent on average)`);
    return { rows: defaultRows, basis: 'default', reason: `default ${defaultRows}: the spec gives no volume` };
  }
}

const MONTH_SECONDS = 2_629_746;

/**
 * Combinations of parents a link table leaves unused (1%, at least one when there are two or
 * more), so an insert pattern's new link or one-to-one row can be verified without a collision.
 */
function keptFree(combinations: number): number {
  return combinations > 1 ? Math.max(1, Math.floor(combinations / 100)) : 0;
}

/**
 * The most rows a link table can have with every combination of parents distinct: row g of tenant
 * t is the r-th combination of that tenant's parents, so each tenant's row count must stay within
 * the product of its parents' counts. Rows are spread by g mod T, so check every tenant.
 */
function linkCapacity(shape: SeedShape, planned: ReadonlyMap<string, { rows: number }>, tenantCount: number): number {
  const T = shape.tenantColumn ? tenantCount : 1;
  let capacity = Number.MAX_SAFE_INTEGER;
  for (let t = 1; t <= T; t++) {
    let combos = 1;
    for (const fk of shape.linkForeignKeys) {
      const parentRows = planned.get(fk.refTable)?.rows ?? 1;
      const perTenant = shape.alignedForeignKeys.has(fk.name) ? Math.floor((parentRows - t) / T) + 1 : parentRows;
      combos = Math.min(Number.MAX_SAFE_INTEGER, combos * Math.max(0, perTenant));
    }
    capacity = Math.min(capacity, t + T * combos - 1);
  }
  return Math.max(0, capacity);
}

/**
 * Referenced tables first. Deferrable foreign keys (required references on a cycle) and self
 * references do not order anything: they are checked at commit or at the end of the statement.
 * Where optional references form a cycle, one table goes first and its references to tables not
 * yet seeded are filled by an UPDATE afterwards.
 */
export function seedingOrder(tables: readonly Table[]): { table: Table; fillLater: string[] }[] {
  const names = new Set(tables.map((t) => t.name));
  const blocking = (table: Table): ForeignKey[] => table.foreignKeys.filter((fk) => !fk.deferrable && fk.refTable !== table.name && names.has(fk.refTable));
  const nullable = (table: Table, fk: ForeignKey) => fk.columns.some((c) => table.columns.find((x) => x.name === c)?.nullable);
  const remaining = [...tables];
  const done = new Set<string>();
  const order: { table: Table; fillLater: string[] }[] = [];
  while (remaining.length) {
    const unmet = (t: Table) => blocking(t).filter((fk) => !done.has(fk.refTable));
    let i = remaining.findIndex((t) => unmet(t).length === 0);
    if (i < 0) i = remaining.findIndex((t) => unmet(t).every((fk) => nullable(t, fk)));
    if (i < 0) i = 0; // not reachable for models from build-model: required cycles are deferrable
    const [table] = remaining.splice(i, 1);
    order.push({ table: table!, fillLater: unmet(table!).map((fk) => fk.name) });
    done.add(table!.name);
  }
  return order;
}

function specQuantity(n: number): string {
  if (n >= 1e9 && n % 1e8 === 0) return `${n / 1e9}G`;
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 1e2 === 0) return `${n / 1e3}k`;
  return String(n);
}

function formatFactor(f: number): string {
  return f >= 0.01 ? String(+f.toFixed(4)) : f.toPrecision(3);
}
