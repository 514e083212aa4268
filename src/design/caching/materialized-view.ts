import { formatCount } from '../../format.js';
import { approximateCount } from './approximate.js';
import type { Schema } from '../../model/schema.js';
import { quotePgIdentifier } from '../../dialects/postgres/quote.js';
import type { QueryShape } from '../../sql/query-shape.js';
import type { KeySpace } from './key-space.js';
import type { MaterializedView } from './caching-schema.js';
import type { PatternParameter } from './pattern-parameters.js';
import type { RangeWindow } from './range-window.js';

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
): MaterializedViewAssessment {
  if (shape.kind !== 'select' || shape.aggregates.length === 0) return { applicable: false, reason: 'the pattern aggregates nothing: there is nothing to precompute' };
  if (keys.unbounded) return { applicable: false, reason: 'a parameter bounds a range, so a view cannot hold every answer' };
  if (!window) return { applicable: false, reason: 'no fixed window relative to now() (`>= now() - interval …`): the view would have to aggregate the whole table' };

  const volume = schema.tables.find((t) => t.name === window.table)?.volume;
  const rows = volume?.rows || 1000;
  const rowsInWindow = volume && volume.growthPerMonth > 0 ? Math.min(rows, (volume.growthPerMonth * window.seconds) / MONTH_SECONDS) : rows;
  const rowsPerCall = Math.max(1, rowsInWindow / keys.distinctKeys);
  // The view's data is as old as the time between refresh starts plus one refresh: together ≤ the staleness.
  const refreshSeconds = round(rowsInWindow * REFRESH_SECONDS_PER_ROW);
  const refreshEverySeconds = Math.max(1, Math.floor(stalenessSeconds - refreshSeconds));
  const name = `${patternName}_mv`;
  const uniqueKey = viewKey(shape, parameters);
  const columns = uniqueKey.map(quotePgIdentifier).join(', ');
  const view: MaterializedView = {
    name,
    definition: `the pattern's query without its parameter filters, grouped also by ${fromParameterColumns(parameters).join(', ') || 'nothing else'}, over the same window`,
    uniqueKey,
    uniqueIndexDdl: `CREATE UNIQUE INDEX ${quotePgIdentifier(`${name}_key`)} ON ${quotePgIdentifier(name)} (${columns});`,
    refreshStatement: `REFRESH MATERIALIZED VIEW CONCURRENTLY ${quotePgIdentifier(name)};`,
    refreshEverySeconds,
    refreshSeconds,
    baseTable: window.table,
  };
  const basis = `${approximateCount(rowsInWindow)} \`${window.table}\` rows in the window (${window.text}), ${approximateCount(rowsPerCall)} per call over ${formatCount(keys.distinctKeys)} keys`;
  return { applicable: true, rowsInWindow, rowsPerCall, missSeconds: round(rowsPerCall * ON_DEMAND_SECONDS_PER_ROW), view, basis };
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
