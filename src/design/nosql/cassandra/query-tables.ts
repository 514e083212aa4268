import type { LogicalType } from '../../../model/logical-type.js';
import type { ForeignKey, Table } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import { createHash } from 'node:crypto';
import { copyAttribute } from '../dynamodb/item-types.js';
import type { ColumnRef, PatternAccess } from '../pattern-access.js';

export interface TableColumn {
  readonly type: LogicalType;
  /** Stored once per partition: the parent's columns beside its children. */
  readonly static: boolean;
  /** `order.status` for a column copied from another entity. */
  readonly from?: string;
}

/** One CQL table while the design is built. */
export interface TablePlan {
  name: string;
  readonly entity: Table;
  readonly role: 'pattern' | 'record';
  readonly patterns: string[];
  readonly partitionKey: string[];
  readonly clustering: { column: string; order: 'ASC' | 'DESC' }[];
  readonly columns: Map<string, TableColumn>;
  /** A parent stored as static columns (a parent read with its children). */
  readonly staticParent?: { readonly table: Table; readonly fk: ForeignKey };
  /** Parent columns copied onto the rows: column name per parent column. */
  readonly copies: { readonly parent: Table; readonly fk: ForeignKey; readonly columns: Map<string, string> }[];
  bucket?: { column: string; kind: 'time' | 'hash'; of: string; unit: string; why: string };
}

/** Cassandra keeps table names to 48 characters: a longer name is cut and given a stable hash. */
function tableName(base: string): string {
  if (base.length <= 48) return base;
  return `${base.slice(0, 39)}_${createHash('sha256').update(base).digest('hex').slice(0, 8)}`;
}

const label = (column: string) => column.replace(/_id$/, '');

/**
 * The query-first table a read pattern needs: its equality columns (the tenant first, an IN column
 * last) as the partition key, then its ORDER BY or its range and the entity's key as clustering
 * columns. A parent read with its children becomes the children's table with the parent's columns
 * static. An existing table with the same partition key and a clustering that serves is reused.
 */
export function tableForPattern(tables: TablePlan[], access: PatternAccess): { table: TablePlan; reused: boolean; rangeFiltered: boolean } {
  if (access.children) return childrenTable(tables, access);
  const entity = access.table;
  const copies: TablePlan['copies'] = [];
  const copyName = (ref: ColumnRef): string | undefined => {
    if (ref.table === entity.name) return ref.column;
    if (!access.parent || ref.table !== access.parent.table.name) return undefined;
    let copy = copies[0];
    if (!copy) {
      copy = { parent: access.parent.table, fk: access.parent.fk, columns: new Map() };
      copies.push(copy);
    }
    const name = copyAttribute(entity, access.parent.fk, ref.column);
    copy.columns.set(ref.column, name);
    return name;
  };
  const eq = access.equals.map((e) => copyName(e.column)).filter((c): c is string => c !== undefined);
  const ins = access.ins.map((i) => copyName(i.column)).filter((c): c is string => c !== undefined);
  const partitionKey = [...eq.filter((c) => c === TENANT_COLUMN), ...eq.filter((c) => c !== TENANT_COLUMN), ...ins.slice(0, 1)];
  const order = access.sortedByApplication
    ? []
    : access.orderBy
        .map((o) => ({ column: copyName(o.column)!, order: o.direction === 'asc' ? ('ASC' as const) : ('DESC' as const) }))
        .filter((o) => o.column && !partitionKey.includes(o.column));
  const ranged = access.ranges.map((r) => copyName(r.column)).filter((c): c is string => c !== undefined);
  const lead = order.length ? order : ranged.slice(0, 1).map((column) => ({ column, order: 'ASC' as const }));
  const keyRest = entity.primaryKey.columns
    .filter((c) => !partitionKey.includes(c) && !lead.some((l) => l.column === c))
    .map((column) => ({ column, order: 'ASC' as const }));
  const clustering = [...lead, ...keyRest];
  const rangeFiltered = ranged.length > 0 && lead[0]?.column !== ranged[0];

  const reusable = tables.find(
    (t) =>
      t.role === 'pattern' &&
      t.entity === entity &&
      !t.staticParent &&
      sameSet(t.partitionKey, partitionKey) &&
      lead.every((l, i) => t.clustering[i]?.column === l.column) &&
      (lead.every((l, i) => t.clustering[i]?.order === l.order) || lead.every((l, i) => t.clustering[i]?.order !== l.order)),
  );
  const table: TablePlan = reusable ?? {
    name: tableName(
      `${entity.name}_by_${
        partitionKey
          .filter((c) => c !== TENANT_COLUMN)
          .map(label)
          .join('_and_') || (partitionKey.length ? 'tenant' : 'all')
      }`,
    ),
    entity,
    role: 'pattern',
    patterns: [],
    partitionKey,
    clustering,
    columns: new Map(),
    copies: [],
  };
  table.patterns.push(access.pattern);
  for (const c of copies) {
    const existing = table.copies.find((x) => x.fk.name === c.fk.name);
    if (existing) for (const [k, v] of c.columns) existing.columns.set(k, v);
    else table.copies.push(c);
  }
  const typeOf = (name: string): TableColumn => {
    const own = entity.columns.find((c) => c.name === name);
    if (own) return { type: own.type, static: false };
    for (const c of table.copies)
      for (const [column, copied] of c.columns)
        if (copied === name) return { type: c.parent.columns.find((x) => x.name === column)!.type, static: false, from: `${c.parent.name}.${column}` };
    return { type: { kind: 'text' }, static: false };
  };
  const wanted = access.projected.some((p) => p.column === '*' && p.table === entity.name)
    ? entity.columns.map((c) => c.name)
    : [...access.projected, ...access.filters.map((f) => f.column), ...access.ranges.map((r) => r.column)]
        .map(copyName)
        .filter((c): c is string => c !== undefined && c !== '*');
  for (const name of [...partitionKey, ...clustering.map((c) => c.column), ...wanted]) if (!table.columns.has(name)) table.columns.set(name, typeOf(name));
  for (const c of table.copies) for (const copied of c.columns.values()) if (!table.columns.has(copied)) table.columns.set(copied, typeOf(copied));
  if (!reusable) tables.push(table);
  return { table, reused: reusable !== undefined, rangeFiltered };
}

function childrenTable(tables: TablePlan[], access: PatternAccess): { table: TablePlan; reused: boolean; rangeFiltered: boolean } {
  const { table: child, fk } = access.children!;
  const parent = access.table;
  // The parent's key order, spelt with the child's reference columns.
  const partitionKey = parent.primaryKey.columns.map((c) => fk.columns[fk.refColumns.indexOf(c)]!).filter(Boolean);
  const existing = tables.find((t) => t.staticParent?.fk.name === fk.name);
  const table: TablePlan = existing ?? {
    name: tableName(`${child.name}_by_${parent.name}`),
    entity: child,
    role: 'pattern',
    patterns: [],
    partitionKey,
    clustering: child.primaryKey.columns.filter((c) => !partitionKey.includes(c)).map((column) => ({ column, order: 'ASC' as const })),
    columns: new Map(),
    staticParent: { table: parent, fk },
    copies: [],
  };
  table.patterns.push(access.pattern);
  for (const name of [...table.partitionKey, ...table.clustering.map((c) => c.column)])
    if (!table.columns.has(name)) table.columns.set(name, { type: child.columns.find((c) => c.name === name)!.type, static: false });
  for (const c of child.columns) if (!table.columns.has(c.name)) table.columns.set(c.name, { type: c.type, static: false });
  for (const c of parent.columns.filter((x) => !fk.refColumns.includes(x.name))) {
    const name = table.columns.has(c.name) ? `${parent.name}_${c.name}` : c.name;
    if (!table.columns.has(name)) table.columns.set(name, { type: c.type, static: true, from: `${parent.name}.${c.name}` });
  }
  if (!existing) tables.push(table);
  return { table, reused: existing !== undefined, rangeFiltered: false };
}

/** The entity by its own key: the table writes by key and unlisted reads use. */
export function recordTable(entity: Table): TablePlan {
  const tenant = entity.primaryKey.columns.filter((c) => c === TENANT_COLUMN);
  const own = entity.primaryKey.columns.filter((c) => c !== TENANT_COLUMN);
  const partitionKey = own.length <= 1 ? [...tenant, ...own] : [...tenant, own[0]!];
  const clustering = own.length <= 1 ? [] : own.slice(1).map((column) => ({ column, order: 'ASC' as const }));
  return {
    name: tableName(entity.name),
    entity,
    role: 'record',
    patterns: [],
    partitionKey,
    clustering,
    columns: new Map(entity.columns.map((c) => [c.name, { type: c.type, static: false }])),
    copies: [],
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The column name a pattern's column has in a table (a copy of a parent column, a static parent column, or its own). */
export function columnIn(table: TablePlan, ref: ColumnRef): string | undefined {
  if (ref.table === table.entity.name) return table.columns.has(ref.column) ? ref.column : undefined;
  for (const c of table.copies) if (c.parent.name === ref.table) return c.columns.get(ref.column);
  if (table.staticParent?.table.name === ref.table) {
    const fk = table.staticParent.fk;
    const i = fk.refColumns.indexOf(ref.column);
    if (i >= 0) return fk.columns[i];
    for (const [name, column] of table.columns) if (column.from === `${ref.table}.${ref.column}`) return name;
  }
  return undefined;
}
