import type { ForeignKey, Schema, Table } from '../../model/schema.js';
import type { ColumnPredicate, Constant, QueryShape, ValueRef } from '../../sql/query-shape.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';

/**
 * One access pattern read for key design: the entity it returns or writes (the driver), the one join
 * it may make along a foreign key, and its conditions split into equality, IN, range and the rest,
 * every column named by table. The three NoSQL designs read patterns only through this.
 */

/** Where a compared value comes from: a parameter of the pattern, a literal, or SQL the application evaluates. */
export type ValueSource =
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'constant'; readonly value: Exclude<Constant, null> }
  | { readonly kind: 'expression'; readonly text: string };

export interface ColumnRef {
  readonly table: string;
  readonly column: string;
}

export type RangeOperator = '>=' | '>' | '<' | '<=' | 'between';

export interface RangeCondition {
  readonly column: ColumnRef;
  readonly operator: RangeOperator;
  readonly value: ValueSource;
  /** The upper bound of BETWEEN. */
  readonly high?: ValueSource;
}

export interface PatternAccess {
  readonly pattern: string;
  readonly ratePerSecond: number;
  readonly kind: 'read' | 'insert' | 'update' | 'delete';
  /** The entity whose rows the pattern returns or writes. */
  readonly table: Table;
  /** A parent read with its children: the parent's key is bound and the children joined along their reference. */
  readonly children?: { readonly table: Table; readonly fk: ForeignKey };
  /** A parent whose columns the driver needs (filter, order, output) while its key is not bound: copied onto the driver. */
  readonly parent?: { readonly table: Table; readonly fk: ForeignKey; readonly columns: readonly string[] };
  readonly equals: readonly { readonly column: ColumnRef; readonly value: ValueSource }[];
  readonly ins: readonly { readonly column: ColumnRef; readonly values: readonly ValueSource[] }[];
  readonly ranges: readonly RangeCondition[];
  /** Conditions no key can hold (!=, LIKE, IS NULL, expressions): applied as filters. */
  readonly filters: readonly { readonly column: ColumnRef; readonly text: string; readonly predicate: ColumnPredicate; readonly value?: ValueSource }[];
  /** ORDER BY on plain columns; `sortedByApplication` when it orders by an expression or an aggregate. */
  readonly orderBy: readonly { readonly column: ColumnRef; readonly direction: 'asc' | 'desc' }[];
  readonly sortedByApplication: boolean;
  readonly limit?: number;
  /** Output columns per table; `*` for all of a table's columns. */
  readonly projected: readonly ColumnRef[];
  readonly aggregates: readonly { readonly fn: string; readonly column?: ColumnRef }[];
  /** GROUP BY, as written (the application groups). */
  readonly groupBy: readonly string[];
  /** Columns an INSERT or UPDATE sets. */
  readonly sets: readonly string[];
  /** The conditions as the parser read them (the row estimates read ranges from them). */
  readonly predicates: readonly ColumnPredicate[];
  /** The span a parameter-bounded range covers, as the spec states it. */
  readonly windowSeconds?: number;
  /** Why no key design can serve the pattern as written, when none can. */
  readonly unsupported?: string;
}

/** Reads every pattern of the workload; `params` gives each pattern's parameter names in `$n` order. */
export function patternAccesses(schema: Schema, workload: readonly WorkloadPattern[], params: ReadonlyMap<string, readonly string[]>): PatternAccess[] {
  return workload.map((w) => patternAccess(schema, w, params.get(w.name) ?? []));
}

export function patternAccess(schema: Schema, w: WorkloadPattern, params: readonly string[]): PatternAccess {
  const shape = w.shape;
  const base = {
    pattern: w.name,
    ratePerSecond: w.ratePerSecond,
    predicates: shape.predicates,
    ...(w.windowSeconds !== undefined ? { windowSeconds: w.windowSeconds } : {}),
  };
  const tableOf = (name: string) => schema.tables.find((t) => t.name === name);
  const empty = (table: Table, unsupported: string, kind: PatternAccess['kind'] = 'read'): PatternAccess => ({
    ...base,
    kind,
    table,
    equals: [],
    ins: [],
    ranges: [],
    filters: [],
    orderBy: [],
    sortedByApplication: false,
    projected: [],
    aggregates: [],
    groupBy: [],
    sets: [],
    unsupported,
  });
  const main = shape.tables.filter((t) => t.scope === 'main');
  const first = tableOf(main[0]?.table ?? '') ?? schema.tables[0]!;
  if (shape.kind === 'other') return empty(first, `a \`${shape.statement}\` statement is not a read or a write of rows`);
  if (shape.tables.some((t) => t.scope !== 'main') || shape.ctes.length) return empty(first, 'it uses a subquery or a CTE: no single key request answers it');
  if (main.length > 2) return empty(first, `it joins ${main.length} tables: denormalize them into one item type or split it into one request per table`);
  if (shape.predicates.some((p) => p.inOr)) return empty(first, 'it has OR between conditions: run one request per branch (one pattern each)');

  const kind: PatternAccess['kind'] = shape.kind === 'select' ? 'read' : shape.kind;
  const aliases = new Map(main.map((t) => [t.alias, tableOf(t.table)!]));
  const paramName = (index: number) => params[index - 1] ?? `p${index}`;

  // The one join, along a foreign key, decides which table drives and what the other contributes.
  let driver = aliases.get(main[0]!.alias)!;
  let children: PatternAccess['children'];
  let parentJoin: { table: Table; fk: ForeignKey; alias: string } | undefined;
  const renames = new Map<string, ColumnRef>(); // `parentAlias.column` -> the child's own column
  if (main.length === 2) {
    const [a, b] = main as [(typeof main)[0], (typeof main)[0]];
    const link = joinForeignKey(shape, a.alias, aliases.get(a.alias)!, b.alias, aliases.get(b.alias)!);
    if (!link) return empty(first, `${a.table} and ${b.table} are not joined along a foreign key: denormalize one into the other`);
    const { child, childAlias, parent, parentAlias, fk } = link;
    const parentKeyBound = parent.primaryKey.columns.every((c) =>
      shape.predicates.some((p) => p.alias === parentAlias && p.column === c && p.op === 'eq' && !p.negated && !p.expression),
    );
    if (parentKeyBound) {
      driver = parent;
      children = { table: child, fk };
    } else {
      driver = child;
      parentJoin = { table: parent, fk, alias: parentAlias };
      fk.refColumns.forEach((rc, i) => renames.set(`${parentAlias}.${rc}`, { table: child.name, column: fk.columns[i]! }));
    }
    void childAlias;
  }
  const ref = (alias: string | undefined, column: string): ColumnRef => {
    const key = `${alias ?? main[0]!.alias}.${column}`;
    const renamed = renames.get(key);
    if (renamed) return renamed;
    return { table: (alias ? aliases.get(alias) : aliases.get(main[0]!.alias))?.name ?? driver.name, column };
  };

  const equals: { column: ColumnRef; value: ValueSource }[] = [];
  const ins: { column: ColumnRef; values: ValueSource[] }[] = [];
  const ranges: RangeCondition[] = [];
  const filters: { column: ColumnRef; text: string; predicate: ColumnPredicate; value?: ValueSource }[] = [];
  for (const p of shape.predicates.filter((x) => x.clause === 'where' || x.clause === 'on')) {
    const column = ref(p.alias, p.column);
    const value = valueSource(p.value, paramName);
    if (!p.negated && !p.expression && p.op === 'eq' && value) {
      if (!equals.some((e) => sameRef(e.column, column))) equals.push({ column, value });
      continue;
    }
    if (!p.negated && !p.expression && p.op === 'in' && p.value.kind === 'list') {
      const values = p.value.items.map((i) => valueSource(i, paramName));
      if (values.every((v): v is ValueSource => v !== undefined)) {
        ins.push({ column, values });
        continue;
      }
    }
    if (!p.negated && !p.expression && p.op === 'range') {
      const range = rangeCondition(column, p, paramName);
      if (range) {
        ranges.push(range);
        continue;
      }
    }
    filters.push({ column, text: predicateText(p, paramName), predicate: p, ...(value ? { value } : {}) });
  }

  const orderBy = shape.orderBy.filter((o) => !o.expression && o.column).map((o) => ({ column: ref(o.alias, o.column!), direction: o.direction }));
  const sortedByApplication = shape.orderBy.some((o) => o.expression || !o.column);
  const projected: ColumnRef[] = [];
  const projectedItems = shape.kind === 'select' ? shape.projected : [];
  for (const item of projectedItems) {
    if (item.star) {
      const tables = item.alias ? [aliases.get(item.alias)!] : [...aliases.values()];
      for (const t of tables) projected.push({ table: t.name, column: '*' });
    } else if (item.column && !item.expression) projected.push(ref(item.alias, item.column));
    else for (const r of item.refs ?? (item.column ? [{ alias: item.alias, column: item.column }] : [])) projected.push(ref(r.alias, r.column));
  }
  const aggregates = shape.aggregates.map((a) => ({ fn: a.fn, ...(a.column?.column ? { column: ref(a.column.alias, a.column.column) } : {}) }));
  for (const a of aggregates) if (a.column && !projected.some((p) => sameRef(p, a.column!))) projected.push(a.column);
  const groupBy = shape.groupBy.map((g) => g.expression ?? g.column ?? '?');
  for (const g of shape.groupBy) if (g.column && !projected.some((p) => p.column === g.column)) projected.push(ref(g.alias, g.column));

  const parentColumns = parentJoin
    ? [
        ...new Set(
          [
            ...equals.map((e) => e.column),
            ...ins.map((i) => i.column),
            ...ranges.map((r) => r.column),
            ...filters.map((f) => f.column),
            ...orderBy.map((o) => o.column),
            ...projected,
          ]
            .filter((c) => c.table === parentJoin!.table.name)
            .flatMap((c) => (c.column === '*' ? parentJoin!.table.columns.map((x) => x.name) : [c.column]))
            .filter((c) => !parentJoin!.fk.refColumns.includes(c)),
        ),
      ]
    : [];
  const sets = shape.kind === 'insert' || shape.kind === 'update' ? [...shape.setColumns] : [];
  const limit = typeof shape.limit === 'number' ? shape.limit : undefined;
  return {
    ...base,
    kind,
    table: driver,
    ...(children ? { children } : {}),
    ...(parentJoin ? { parent: { table: parentJoin.table, fk: parentJoin.fk, columns: parentColumns } } : {}),
    equals,
    ins,
    ranges,
    filters,
    orderBy,
    sortedByApplication,
    ...(limit !== undefined ? { limit } : {}),
    projected,
    aggregates,
    groupBy,
    sets,
  };
}

export const sameRef = (a: ColumnRef, b: ColumnRef): boolean => a.table === b.table && a.column === b.column;

/** The foreign key two joined tables are linked by: every join edge between them pairs its columns. */
function joinForeignKey(
  shape: QueryShape,
  aliasA: string,
  a: Table,
  aliasB: string,
  b: Table,
): { child: Table; childAlias: string; parent: Table; parentAlias: string; fk: ForeignKey } | undefined {
  const edges = shape.joins.map((j) =>
    j.left.alias === aliasA ? { a: j.left.column, b: j.right.column } : j.right.alias === aliasA ? { a: j.right.column, b: j.left.column } : undefined,
  );
  if (!edges.length || edges.some((e) => e === undefined)) return undefined;
  const pairs = edges as { a: string; b: string }[];
  const fits = (fk: ForeignKey, childSide: 'a' | 'b') =>
    pairs.every((e) => fk.columns.some((c, i) => c === e[childSide] && fk.refColumns[i] === e[childSide === 'a' ? 'b' : 'a'])) &&
    // the reference's own column (not only the tenant) must be among the edges
    fk.columns.some((c) => pairs.some((e) => e[childSide] === c) && c !== 'tenant_id');
  const fromA = a.foreignKeys.filter((fk) => fk.refTable === b.name).find((fk) => fits(fk, 'a'));
  if (fromA) return { child: a, childAlias: aliasA, parent: b, parentAlias: aliasB, fk: fromA };
  const fromB = b.foreignKeys.filter((fk) => fk.refTable === a.name).find((fk) => fits(fk, 'b'));
  if (fromB) return { child: b, childAlias: aliasB, parent: a, parentAlias: aliasA, fk: fromB };
  return undefined;
}

function valueSource(value: ValueRef, paramName: (index: number) => string): ValueSource | undefined {
  if (value.kind === 'param') return { kind: 'param', name: paramName(value.index) };
  if (value.kind === 'constant') return value.value === null ? undefined : { kind: 'constant', value: value.value };
  if (value.kind === 'expression') return { kind: 'expression', text: value.text };
  return undefined;
}

function rangeCondition(column: ColumnRef, p: ColumnPredicate, paramName: (index: number) => string): RangeCondition | undefined {
  if (p.value.kind === 'between') {
    const low = valueSource(p.value.low, paramName);
    const high = valueSource(p.value.high, paramName);
    return low && high ? { column, operator: 'between', value: low, high } : undefined;
  }
  const value = valueSource(p.value, paramName);
  const operator = p.operator as RangeOperator;
  if (!value || !['>=', '>', '<', '<='].includes(operator)) return undefined;
  return { column, operator, value };
}

/** A condition as the application states it: `status <> 'cancelled'`, `name LIKE :q`. */
function predicateText(p: ColumnPredicate, paramName: (index: number) => string): string {
  const subject = p.expression ?? p.column;
  const v = p.value;
  const value =
    v.kind === 'param'
      ? `:${paramName(v.index)}`
      : v.kind === 'constant'
        ? JSON.stringify(v.value)
        : v.kind === 'expression'
          ? v.text
          : v.kind === 'list'
            ? `(${v.items.map((i) => (i.kind === 'param' ? `:${paramName(i.index)}` : i.kind === 'constant' ? JSON.stringify(i.value) : '…')).join(', ')})`
            : '';
  return `${subject} ${p.negated && !/NOT/i.test(p.operator) ? 'NOT ' : ''}${p.operator}${value ? ` ${value}` : ''}`.trim();
}
