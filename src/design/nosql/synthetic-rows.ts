import type { LogicalType } from '../../model/logical-type.js';
import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import { seedingOrder } from '../../seed/plan.js';

/** A value as the synthetic rows hold it: instants as Date, JSON as objects. */
export type RowValue = string | number | boolean | Date | null | { readonly [key: string]: unknown };
export type Row = Readonly<Record<string, RowValue>>;

export interface SyntheticData {
  /** The instant `now()` stands for: every timestamp lies in the 90 days before it. */
  readonly now: Date;
  readonly rows: ReadonlyMap<string, readonly Row[]>;
}

const NOW = new Date('2026-06-01T00:00:00.000Z');
const SPAN_MS = 90 * 86_400_000;
const TENANTS = 2;
const ROOT_ROWS_PER_TENANT = 6;
const MAX_FANOUT = 5;
const MAX_ROWS = 400;

/**
 * A small data set built from the model alone, the same bytes every run: two tenants, parents
 * before children, each child spread over its parents at the spec's ratio (1 to 5 per parent),
 * every key and unique distinct by construction, enums cycling through their values and instants
 * spread over the 90 days before `now` in shuffled order, so sorts and ranges have work to do.
 */
export function syntheticRows(schema: Schema): SyntheticData {
  const rows = new Map<string, Row[]>();
  const tenantTable = schema.tables.find(
    (t) =>
      t.foreignKeys.length === 0 &&
      schema.tables.some((o) => o.foreignKeys.some((fk) => fk.refTable === t.name && fk.columns.length === 1 && fk.columns[0] === TENANT_COLUMN)),
  );
  for (const { table } of seedingOrder(schema.tables)) rows.set(table.name, tableRows(schema, table, rows, tenantTable?.name));
  return { now: NOW, rows };
}

/** One more row of the table, as an insert pattern writes it: the next id, in the first tenant, under existing parents. */
export function insertedRow(schema: Schema, table: Table, data: SyntheticData): Row {
  const existing = data.rows.get(table.name) ?? [];
  const index = existing.length;
  const parents = parentRows(table, data.rows, existing[0]?.[TENANT_COLUMN] ?? 1, index);
  return makeRow(schema, table, index, existing.length + 1, parents, existing[0]?.[TENANT_COLUMN] ?? 1);
}

function tableRows(schema: Schema, table: Table, done: ReadonlyMap<string, readonly Row[]>, tenantTable: string | undefined): Row[] {
  const tenantScoped = table.columns.some((c) => c.name === TENANT_COLUMN) && table.name !== tenantTable;
  const references = table.foreignKeys.filter(
    (fk) => fk.refTable !== table.name && !(fk.columns.length === 1 && fk.columns[0] === TENANT_COLUMN) && done.has(fk.refTable),
  );
  if (table.name === tenantTable) return Array.from({ length: TENANTS }, (_, i) => makeRow(schema, table, i, i + 1, new Map(), null));
  const out: Row[] = [];
  const tenants = tenantScoped ? Array.from({ length: TENANTS }, (_, i) => (done.get(tenantTable ?? '')?.[i]?.['id'] as number | undefined) ?? i + 1) : [null];
  // The reference that drives the count: the key's first reference (a link table), else the largest parent.
  const keyReference = references.find((fk) => fk.columns.some((c) => table.primaryKey.columns.includes(c) && c !== TENANT_COLUMN));
  const driver = keyReference ?? [...references].sort((a, b) => (done.get(b.refTable)?.length ?? 0) - (done.get(a.refTable)?.length ?? 0))[0];
  for (const tenant of tenants) {
    const parents = driver ? (done.get(driver.refTable) ?? []).filter((r) => tenant === null || r[TENANT_COLUMN] === tenant || !(TENANT_COLUMN in r)) : [];
    const fanout = driver ? fanoutOf(table, schema.tables.find((t) => t.name === driver.refTable)!, keyReference !== undefined) : 0;
    const count = driver ? parents.length * fanout : ROOT_ROWS_PER_TENANT;
    for (let k = 0; k < count && out.length < MAX_ROWS; k++) {
      const index = out.length;
      const chosen = new Map<string, Row>();
      if (driver) chosen.set(driver.name, parents[Math.floor(k / fanout)]!);
      for (const fk of references.filter((f) => f !== driver)) {
        const candidates = (done.get(fk.refTable) ?? []).filter((r) => tenant === null || r[TENANT_COLUMN] === tenant || !(TENANT_COLUMN in r));
        // A link table's second reference walks the candidates so each pair under one parent differs.
        const pick = keyReference ? (Math.floor(k / fanout) + (k % fanout)) % candidates.length : (k * 7 + 3) % Math.max(1, candidates.length);
        if (candidates.length) chosen.set(fk.name, candidates[pick]!);
      }
      out.push(makeRow(schema, table, index, index + 1, chosen, tenant));
    }
  }
  return out;
}

/** Children per parent: the spec's ratio of rows, 1 to 5; a link table has two links per row of its first parent. */
function fanoutOf(table: Table, parent: Table, link: boolean): number {
  if (link) return 2;
  const ratio = (table.volume?.rows ?? 0) / Math.max(1, parent.volume?.rows ?? 0);
  return Math.max(1, Math.min(MAX_FANOUT, Math.round(ratio) || 1));
}

function parentRows(table: Table, rows: ReadonlyMap<string, readonly Row[]>, tenant: RowValue, index: number): Map<string, Row> {
  const chosen = new Map<string, Row>();
  for (const fk of table.foreignKeys.filter((f) => f.refTable !== table.name && !(f.columns.length === 1 && f.columns[0] === TENANT_COLUMN))) {
    const candidates = (rows.get(fk.refTable) ?? []).filter((r) => !(TENANT_COLUMN in r) || r[TENANT_COLUMN] === tenant);
    if (candidates.length) chosen.set(fk.name, candidates[(index * 3 + 1) % candidates.length]!);
  }
  return chosen;
}

function makeRow(schema: Schema, table: Table, index: number, id: number, parents: ReadonlyMap<string, Row>, tenant: RowValue): Row {
  const row: Record<string, RowValue> = {};
  for (const column of table.columns) row[column.name] = null;
  for (const column of table.columns) {
    if (column.name === TENANT_COLUMN && tenant !== null) row[column.name] = tenant;
    else row[column.name] = columnValue(schema, table, column, index, id);
  }
  for (const [name, parent] of parents) {
    const fk = table.foreignKeys.find((f) => f.name === name)!;
    fk.columns.forEach((c, i) => (row[c] = parent[fk.refColumns[i]!] ?? null));
  }
  for (const fk of table.foreignKeys.filter((f) => !parents.has(f.name) && !(f.columns.length === 1 && f.columns[0] === TENANT_COLUMN)))
    if (fk.columns.some((c) => table.columns.find((x) => x.name === c)?.nullable)) for (const c of fk.columns.filter((c) => c !== TENANT_COLUMN)) row[c] = null;
  return row;
}

/** A deterministic value of one column for row `index` (0-based) whose surrogate id is `id`. */
function columnValue(schema: Schema, table: Table, column: Column, index: number, id: number): RowValue {
  const type = column.type;
  if (table.primaryKey.columns.length === 1 && table.primaryKey.columns[0] === column.name && isInteger(type)) return id;
  if (table.primaryKey.columns.includes(column.name) && column.name === 'id' && isInteger(type)) return id;
  const check = table.checks.find((c) => c.rule.kind !== 'expression' && c.rule.column === column.name)?.rule;
  if (check?.kind === 'format') return check.format === 'email' ? `user${id}@example.com` : `+1555${String(id).padStart(7, '0')}`;
  if (column.default?.kind === 'literal' && type.kind === 'string' && type.length <= 3) return String(column.default.value);
  return typedValue(schema, type, column.name, index, id, check?.kind === 'range' ? check : undefined);
}

const isInteger = (type: LogicalType) => type.kind === 'int16' || type.kind === 'int32' || type.kind === 'int64';

function typedValue(schema: Schema, type: LogicalType, name: string, index: number, id: number, range?: { min?: number; max?: number }): RowValue {
  const within = (n: number) => {
    const min = range?.min ?? Number.NEGATIVE_INFINITY;
    const max = range?.max ?? Number.POSITIVE_INFINITY;
    if (n >= min && n <= max) return n;
    const low = Number.isFinite(min) ? min : Number.isFinite(max) ? max - 9 : 0;
    const width = Number.isFinite(max) && Number.isFinite(min) ? max - min + 1 : 10;
    return low + (Math.abs(n) % Math.max(1, width));
  };
  switch (type.kind) {
    case 'int16':
    case 'int32':
    case 'int64':
      return within(((index * 13 + 5) % 97) - (range ? 0 : 20));
    case 'decimal':
    case 'money':
    case 'float':
      return within(Math.round(((((index * 37 + 11) % 9000) + 100) / 100) * 100) / 100);
    case 'bool':
      return index % 2 === 0;
    case 'enum': {
      const values = schema.enums.find((e) => e.name === type.name)?.values ?? ['value'];
      return values[index % values.length]!;
    }
    case 'timestamp':
      return instant(index, id);
    case 'date':
      return instant(index, id).toISOString().slice(0, 10);
    case 'time':
      return `${String(index % 24).padStart(2, '0')}:${String((index * 7) % 60).padStart(2, '0')}:00`;
    case 'uuid':
      return `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
    case 'json':
      return { note: `${name} ${id}`, rank: index % 5 };
    case 'string':
    case 'char': {
      const text = `${name}-${id}`;
      if (text.length <= type.length) return text;
      return String(id).padStart(type.length, '0').slice(-type.length);
    }
    case 'text':
      return `${name} ${id}`;
    default:
      return `${name}-${id}`;
  }
}

/** Instants in the 90 days before now, in an order shuffled by row (a step coprime with 97 slots). */
function instant(index: number, id: number): Date {
  const slot = (index * 37 + id) % 97;
  return new Date(NOW.getTime() - SPAN_MS + slot * (SPAN_MS / 97) + index * 1000 + 60_000);
}

/** The parent row a child row references along a foreign key, if present. */
export function parentOf(data: SyntheticData, fk: ForeignKey, row: Row): Row | undefined {
  return data.rows.get(fk.refTable)?.find((p) => fk.refColumns.every((rc, i) => p[rc] === row[fk.columns[i]!]));
}
