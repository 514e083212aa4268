import { formatCount } from '../../format.js';
import type { IndexCondition, Schema } from '../../model/schema.js';
import type { ColumnPredicate, Constant, QueryShape } from '../../sql/query-shape.js';
import type { VolumeStatistics } from './statistics.js';
import { DEFAULT_MATCH_SEL, rangeShare } from '../workload/selectivity.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';

/** How one pattern reads one table: what an index on that table could serve. */
export interface TableAccess {
  readonly pattern: string;
  readonly ratePerSecond: number;
  readonly table: string;
  readonly alias: string;
  /** Drives the query (filtered by its own parameters) or is looked up from another table's rows. */
  readonly role: 'driving' | 'lookup';
  /** Columns compared by equality to a parameter, a constant, or (for lookups) the joined table. */
  readonly equality: readonly string[];
  /** Equality on an expression over a column, such as `lower(email)`. */
  readonly expressions: readonly string[];
  /** Columns compared with IN to a parameter or list of parameters: equality probes, but they break sort order. */
  readonly inLists: readonly string[];
  /** Constant conditions on low-cardinality columns: candidates for a partial index. */
  readonly conditions: readonly IndexCondition[];
  readonly ranges: readonly string[];
  readonly sort: readonly { readonly column: string; readonly order: 'asc' | 'desc' }[];
  readonly limit?: number | 'param';
  /** JSON columns searched with containment (`@>`): a GIN candidate. */
  readonly containment: readonly string[];
  /** Every column the query reads from this table, for covering indexes; `star` when it selects `*`. */
  readonly needed: readonly string[];
  readonly star: boolean;
  /** Estimated rows this table yields for one call, from the spec's volumes. */
  readonly estimatedRows: number;
  /** How the estimate was found: the distinct counts and range shares it multiplies. */
  readonly rowsBasis: readonly string[];
}

type ColumnKey = string; // `${alias}.${column}`

/**
 * Splits a pattern into per-table accesses. Equalities travel through join edges (`l.order_id =
 * o.id` with `o.id = :order` binds `l.order_id`), the table whose own filters leave the fewest rows
 * drives the query, and the others are reached by lookups on their join columns.
 */
export function tableAccesses(pattern: WorkloadPattern, schema: Schema, stats: VolumeStatistics): TableAccess[] {
  const shape = pattern.shape;
  if (shape.kind === 'insert' && shape.source !== 'select') return [];
  if (shape.kind === 'other') return [];
  const aliases = new Map<string, string>();
  for (const ref of shape.tables) if (schema.tables.some((t) => t.name === ref.table)) aliases.set(ref.alias, ref.table);
  if (aliases.size === 0) return [];

  const classes = new UnionFind();
  for (const edge of shape.joins)
    if (!edge.inOr && edge.left.alias && edge.right.alias) classes.union(key(edge.left.alias, edge.left.column), key(edge.right.alias, edge.right.column));

  const usable = (p: ColumnPredicate) => !p.inOr && !p.negated && p.alias !== undefined && aliases.has(p.alias);
  const bound = new Set<ColumnKey>();
  for (const p of shape.predicates) {
    if (!usable(p) || p.expression || p.op !== 'eq') continue;
    if (p.value.kind === 'param' || p.value.kind === 'constant' || (p.value.kind === 'expression' && p.value.params.length >= 0))
      bound.add(classes.find(key(p.alias!, p.column)));
  }
  const isBound = (alias: string, column: string) => bound.has(classes.find(key(alias, column)));

  const drafts = [...aliases].map(([alias, table]) => draftAccess(pattern, schema, stats, alias, table, usable, isBound));
  const joinColumns = (alias: string) =>
    shape.joins.flatMap((e) => (e.left.alias === alias ? [e.left.column] : e.right.alias === alias ? [e.right.column] : [])).filter((c) => !isBound(alias, c));

  const driving = [...drafts].sort((a, b) => a.estimatedRows - b.estimatedRows)[0]!;
  return drafts.map((d) => {
    const role = d === driving ? ('driving' as const) : ('lookup' as const);
    // A lookup fetches rows by its join columns and filters the rest: constant conditions do not shape its index.
    const equality = role === 'lookup' ? unique([...d.equality, ...joinColumns(d.alias)]) : d.equality;
    const conditions = role === 'lookup' ? [] : d.conditions;
    const sort = role === 'driving' && d.inLists.length === 0 ? sortOn(shape, d.alias, d.table, equality) : [];
    // Rows per probe of a lookup: its own filters and the join columns it is probed by.
    const joined = role === 'lookup' ? equality.filter((c) => !d.equality.includes(c)) : [];
    const filters = (eq: readonly string[]) => [...eq, ...d.conditions.map((c) => c.column)];
    const perProbe = joined.length
      ? Math.max(1, (d.estimatedRows * stats.matching(d.table, filters(equality))) / Math.max(1, stats.matching(d.table, filters(d.equality))))
      : d.estimatedRows;
    const rowsBasis = joined.length
      ? [...d.rowsBasis, `probed by ${joined.join(', ')} (${joined.map((c) => stats.distinct(d.table, c).basis).join('; ')})`]
      : d.rowsBasis;
    return {
      ...d,
      role,
      equality,
      conditions,
      sort,
      estimatedRows: perProbe,
      rowsBasis,
      ...(shape.limit !== undefined && role === 'driving' ? { limit: shape.limit } : {}),
    };
  });
}

function draftAccess(
  pattern: WorkloadPattern,
  schema: Schema,
  stats: VolumeStatistics,
  alias: string,
  tableName: string,
  usable: (p: ColumnPredicate) => boolean,
  isBound: (alias: string, column: string) => boolean,
): TableAccess {
  const shape = pattern.shape;
  const table = schema.tables.find((t) => t.name === tableName)!;
  const lowCardinality = (column: string) => {
    const type = table.columns.find((c) => c.name === column)?.type;
    return type?.kind === 'enum' || type?.kind === 'bool';
  };
  const mine = shape.predicates.filter((p) => usable(p) && p.alias === alias);
  const equality: string[] = [];
  const expressions: string[] = [];
  const inLists: string[] = [];
  const conditions: IndexCondition[] = [];
  const ranges: string[] = [];
  const containment: string[] = [];
  for (const p of mine) {
    const constant = p.value.kind === 'constant';
    if (p.expression && (p.op === 'eq' || p.op === 'in')) expressions.push(p.expression);
    else if (p.op === 'eq' && constant && lowCardinality(p.column))
      conditions.push({ column: p.column, op: 'eq', values: [p.constantValue as Exclude<Constant, null>] });
    else if (p.op === 'eq') equality.push(p.column);
    else if (p.op === 'in' && p.constantValues && lowCardinality(p.column))
      conditions.push({ column: p.column, op: 'in', values: p.constantValues.filter((v): v is Exclude<Constant, null> => v !== null) });
    else if (p.op === 'in') inLists.push(p.column);
    else if (p.op === 'is-null' || p.op === 'is-not-null') conditions.push({ column: p.column, op: p.op, values: [] });
    else if (p.op === 'range') ranges.push(p.column);
    else if (p.op === 'other' && p.operator === '@>') containment.push(p.column);
  }
  // Equalities that reach this table through a join to a bound column.
  const conditioned = new Set(conditions.map((c) => c.column));
  for (const column of table.columns.map((c) => c.name))
    if (isBound(alias, column) && !equality.includes(column) && !conditioned.has(column)) equality.push(column);

  const used = (items: readonly { alias?: string; table?: string; column?: string; refs?: readonly { alias?: string; column: string }[] }[]) =>
    items.flatMap((i) => [...(i.alias === alias && i.column ? [i.column] : []), ...(i.refs ?? []).filter((r) => r.alias === alias).map((r) => r.column)]);
  const star = shape.projected.some((p) => p.star && (p.alias === undefined || p.alias === alias));
  const needed = unique([
    ...used(shape.projected),
    ...used(shape.orderBy),
    ...used(shape.groupBy),
    ...used(shape.aggregates.flatMap((a) => (a.column ? [a.column] : []))),
    ...mine.map((p) => p.column),
    ...shape.joins
      .flatMap((e) => [e.left, e.right])
      .filter((c) => c.alias === alias)
      .map((c) => c.column),
  ]);

  const orderColumns = (cols: string[]) => {
    const position = (c: string) => (c === TENANT_COLUMN ? -1 : table.columns.findIndex((x) => x.name === c));
    return unique(cols).sort((a, b) => position(a) - position(b));
  };
  const eq = orderColumns(equality);
  const filtered = [...eq, ...conditions.map((c) => c.column)];
  const rows = stats.matching(tableName, filtered);
  const context = {
    rows: stats.rows(tableName),
    growthPerSecond: stats.growthPerSecond(tableName),
    ...(pattern.windowSeconds !== undefined ? { windowSeconds: pattern.windowSeconds } : {}),
  };
  // A unique key already pins one row: ranges and patterns on top cannot narrow it further.
  const narrowing =
    rows > 1
      ? [
          ...unique(ranges).map((c) =>
            rangeShare(
              c,
              mine.filter((p) => p.column === c && p.op === 'range'),
              context,
            ),
          ),
          ...mine
            .filter((p) => p.op === 'like')
            .map((p) => ({ share: DEFAULT_MATCH_SEL, basis: `${p.column} ${p.operator}: PostgreSQL's default match selectivity (0.5%), assumed` })),
        ]
      : [];
  const estimatedRows = Math.max(
    1,
    narrowing.reduce((n, s) => n * s.share, rows),
  );
  const rowsBasis = [
    `${filtered.length ? `equality on ${filtered.join(', ')}` : 'no equality'}: ${formatEstimate(rows)} of ${formatEstimate(stats.rows(tableName))} rows${filtered.length ? ` (${filtered.map((c) => `${c}: ${stats.distinct(tableName, c).basis}`).join('; ')})` : ''}`,
    ...narrowing.map((s) => s.basis),
  ];
  return {
    pattern: pattern.name,
    ratePerSecond: pattern.ratePerSecond,
    table: tableName,
    alias,
    role: 'driving',
    equality: eq,
    expressions: unique(expressions),
    inLists: unique(inLists),
    conditions,
    ranges: unique(ranges),
    sort: [],
    containment: unique(containment),
    needed,
    star,
    estimatedRows,
    rowsBasis,
  };
}

/** ORDER BY can come from the index when every sort key is a plain column of the driving table. */
function sortOn(shape: QueryShape, alias: string, table: string, equality: readonly string[]): TableAccess['sort'] {
  if (shape.orderBy.length === 0) return [];
  const belongs = shape.orderBy.every((o) => o.column !== undefined && !o.expression && (o.alias === alias || (o.alias === undefined && o.table === table)));
  if (!belongs) return [];
  // A column fixed by equality is constant within the result: it does not affect the order.
  return shape.orderBy.filter((o) => !equality.includes(o.column!)).map((o) => ({ column: o.column!, order: o.direction }));
}

const key = (alias: string, column: string): ColumnKey => `${alias}.${column}`;
const formatEstimate = (n: number) => formatCount(Number(n.toPrecision(3)));
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}
