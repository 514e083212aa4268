import { formatCount } from '../../format.js';
import { approximateCount } from './approximate.js';
import type { AggregateView, IndexCondition, Schema, Table, ViewColumn } from '../../model/schema.js';
import type { Dialect } from '../../dialects/dialect.js';
import type { ColumnPredicate, QueryShape } from '../../sql/query-shape.js';
import type { KeySpace } from './key-space.js';
import type { MaterializedView } from '../../model/parts/caching.js';
import type { PatternParameter } from './pattern-parameters.js';
import { fixedRangeWindow, type RangeWindow } from './range-window.js';

/** Aggregating on demand: an index range scan with heap fetches from cache, about 10 µs per row. */
export const ON_DEMAND_SECONDS_PER_ROW = 10e-6;
/** A refresh aggregates the whole window in one pass (sequential or bitmap scan, hash aggregate): about 1 µs per row. */
export const REFRESH_SECONDS_PER_ROW = 1e-6;
const MONTH_SECONDS = 2_629_746;

export type MaterializedViewAssessment =
  | { readonly applicable: false; readonly reason: string }
  | {
      readonly applicable: true;
      readonly rowsInWindow: number;
      readonly rowsPerCall: number;
      /** How long one cache miss takes: the aggregate run on demand. */
      readonly missSeconds: number;
      readonly view: MaterializedView;
      readonly basis: string;
    };

/**
 * rule:materialized-view-for-aggregates. A view can precompute an aggregate over a window that ends
 * now, grouped by the pattern's equality parameters, when no parameter bounds a range (the view
 * cannot hold every possible range). Sizes come from the spec's growth: rows in the window =
 * growth per month × window; one call aggregates that divided by the distinct keys.
 */
export function assessMaterializedView(
  patternName: string,
  shape: QueryShape,
  parameters: readonly PatternParameter[],
  keys: KeySpace,
  window: RangeWindow | undefined,
  schema: Schema,
  stalenessSeconds: number,
  dialect: Dialect,
): MaterializedViewAssessment {
  if (shape.kind !== 'select' || shape.aggregates.length === 0)
    return { applicable: false, reason: 'the pattern aggregates nothing: there is nothing to precompute' };
  if (keys.unbounded) return { applicable: false, reason: 'a parameter bounds a range, so a view cannot hold every answer' };
  if (!window)
    return { applicable: false, reason: 'no fixed window relative to now() (`>= now() - interval …`): the view would have to aggregate the whole table' };
  const buildable = aggregateViewOf(`${patternName}_mv`, shape, 1, patternName);
  if (buildable.kind === 'not-emitted') return { applicable: false, reason: buildable.reason };

  const inWindow = rowsInWindow(schema.tables.find((t) => t.name === window.table)?.volume, window.seconds);
  const rowsPerCall = Math.max(1, inWindow / keys.distinctKeys);
  // The view's data is as old as the time between refresh starts plus one refresh: together ≤ the staleness.
  const refreshSeconds = round(inWindow * REFRESH_SECONDS_PER_ROW);
  const refreshEverySeconds = Math.max(1, Math.floor(stalenessSeconds - refreshSeconds));
  const name = `${patternName}_mv`;
  const uniqueKey = viewKey(shape, parameters);
  const statements = dialect.materializedView(name, uniqueKey);
  const view: MaterializedView = {
    name,
    definition: `the pattern's query without its parameter filters, grouped also by ${fromParameterColumns(parameters).join(', ') || 'nothing else'}, over the same window`,
    uniqueKey,
    uniqueIndexDdl: statements.uniqueIndex,
    refreshStatement: statements.refresh,
    refreshEverySeconds,
    refreshSeconds,
    baseTable: window.table,
  };
  const basis = `${approximateCount(inWindow)} \`${window.table}\` rows in the window (${window.text}), ${approximateCount(rowsPerCall)} per call over ${formatCount(keys.distinctKeys)} keys`;
  return { applicable: true, rowsInWindow: inWindow, rowsPerCall, missSeconds: round(rowsPerCall * ON_DEMAND_SECONDS_PER_ROW), view, basis };
}

/** Rows in a window ending now: a month's growth scaled to the window, at most the table; 1,000 when the spec gives no volume. */
export function rowsInWindow(volume: Table['volume'], seconds: number): number {
  const rows = volume?.rows || 1000;
  return volume && volume.growthPerMonth > 0 ? Math.min(rows, (volume.growthPerMonth * seconds) / MONTH_SECONDS) : rows;
}

const fromParameterColumns = (parameters: readonly PatternParameter[]): string[] => [
  ...new Set(parameters.flatMap((p) => (p.column && (p.column.op === 'eq' || p.column.op === 'in') ? [p.column.column] : []))),
];

/** One row per parameter value and group: the equality parameters' columns, then the GROUP BY outputs. */
function viewKey(shape: QueryShape, parameters: readonly PatternParameter[]): string[] {
  const fromParameters = fromParameterColumns(parameters);
  const fromGroups = shape.groupBy.map((g, i) => {
    const projected = shape.projected.find((item) => item.name && (item.expression ?? item.column) === (g.expression ?? g.column));
    return projected?.name ?? (g.expression ? `group_${i + 1}` : (g.column ?? `group_${i + 1}`));
  });
  const key = [...new Set([...fromParameters, ...fromGroups])];
  // REFRESH … CONCURRENTLY needs a unique index; a one-row view gets a constant column for it.
  return key.length ? key : ['row_key'];
}

const round = (x: number) => Number(x.toPrecision(3));

export type AggregateViewPlan = { readonly kind: 'view'; readonly view: AggregateView } | { readonly kind: 'not-emitted'; readonly reason: string };

const VIEW_AGGREGATES: ReadonlySet<string> = new Set(['count', 'sum', 'avg', 'min', 'max']);

/**
 * rule:aggregate-view. The model of a materialized view that answers an aggregate pattern: its
 * equality parameters and GROUP BY outputs become the view's keys (one row per key), its constant
 * filters stay filters, and its window ending now() stays the window, so each refresh aggregates a
 * bounded number of rows. Anything the view could not hold (joins, range parameters, filters that
 * are not plain comparisons) is a reason not to emit it.
 */
export function aggregateViewOf(name: string, shape: QueryShape, refreshEverySeconds: number, origin: string): AggregateViewPlan {
  const no = (reason: string): AggregateViewPlan => ({ kind: 'not-emitted', reason });
  if (shape.kind !== 'select' || shape.aggregates.length === 0) return no('the pattern aggregates nothing');
  if (shape.tables.length !== 1 || shape.joins.length || shape.ctes.length) return no('it reads more than one table: a view of one table cannot answer it');
  const table = shape.tables[0]!.table;
  const window = fixedRangeWindow(shape);
  if (!window)
    return no('no window ending now() (`>= now() - interval …`) bounds its rows: every refresh would re-aggregate the whole table, a cost that grows with it');
  const keys: string[] = [];
  const where: IndexCondition[] = [];
  for (const p of shape.predicates) {
    if (p.table !== table || p.scope !== 'main' || p.inOr || p.negated || p.expression !== undefined)
      return no(`its filter on ${p.column} is not a plain comparison the view can keep`);
    if ((p.op === 'eq' || p.op === 'in') && mentionsParameter(p)) keys.push(p.column);
    else if (p.op === 'range' && p.column === window.column && p.value.kind === 'expression' && p.value.text === window.text) continue;
    else if (p.op === 'range') return no(`a parameter or expression bounds ${p.column}: the view cannot hold every range`);
    else {
      const kept = constantCondition(p);
      if (!kept) return no(`its filter on ${p.column} (${p.operator}) is not one the view can keep`);
      where.push(kept);
    }
  }
  const columns: ViewColumn[] = [...new Set(keys)].map((column) => ({ kind: 'group', name: column, column }));
  for (const [i, g] of shape.groupBy.entries()) {
    const projected = shape.projected.find((item) => item.name && (item.expression ?? item.column) === (g.expression ?? g.column));
    const groupName = projected?.name ?? (g.expression ? `group_${i + 1}` : (g.column ?? `group_${i + 1}`));
    if (columns.some((c) => c.name === groupName)) continue;
    columns.push(
      g.expression !== undefined ? { kind: 'group', name: groupName, expression: g.expression } : { kind: 'group', name: groupName, column: g.column! },
    );
  }
  if (columns.length === 0) return no('it has no key to group by: a one-row view needs no unique index, and REFRESH … CONCURRENTLY needs one');
  for (const a of shape.aggregates) {
    if (!VIEW_AGGREGATES.has(a.fn) || a.distinct || (a.column && a.column.expression !== undefined && a.column.column === undefined))
      return no(`its aggregate ${a.fn}(…) is not a plain one over a column`);
    const column = a.star ? undefined : a.column?.column;
    columns.push({
      kind: 'aggregate',
      name: `${a.fn}_${column ?? 'all'}`,
      fn: a.fn as 'count' | 'sum' | 'avg' | 'min' | 'max',
      ...(column !== undefined ? { column } : {}),
    });
  }
  return {
    kind: 'view',
    view: { name, table, columns, where, window: { column: window.column, seconds: window.seconds }, uniqueIndex: `${name}_key`, refreshEverySeconds, origin },
  };
}

const mentionsParameter = (p: ColumnPredicate): boolean =>
  p.value.kind === 'param' || (p.value.kind === 'list' && p.value.items.some((i) => i.kind === 'param'));

function constantCondition(p: ColumnPredicate): IndexCondition | undefined {
  if (p.op === 'is-null' || p.op === 'is-not-null') return { column: p.column, op: p.op, values: [] };
  const values = p.constantValues ?? (p.constantValue !== undefined ? [p.constantValue] : undefined);
  if (!values || values.some((v) => v === null)) return undefined;
  const op = p.op === 'eq' ? 'eq' : p.op === 'in' ? 'in' : p.op === 'neq' ? 'neq' : undefined;
  return op ? { column: p.column, op, values: values as (string | number | boolean)[] } : undefined;
}
