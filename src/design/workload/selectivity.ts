import type { ColumnPredicate } from '../../sql/query-shape.js';
import { formatAmount, formatCount } from '../../format.js';
import { RATE_UNITS } from '../../spec/quantities.js';

/**
 * PostgreSQL's own defaults for clauses it cannot estimate from statistics
 * (src/include/utils/selfuncs.h): the design estimates rows the way the planner would before
 * ANALYZE, and says so. Spec-stated distinct counts and windows replace them where given.
 */
/** `col < $1`: a third of the rows. */
export const DEFAULT_INEQ_SEL = 1 / 3;
/** `col >= $1 AND col < $2`: a range between two unknown values. */
export const DEFAULT_RANGE_INEQ_SEL = 0.005;
/** LIKE and regular-expression matches. */
export const DEFAULT_MATCH_SEL = 0.005;
/** Distinct values assumed for a column without statistics. */
export const DEFAULT_NUM_DISTINCT = 200;

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: RATE_UNITS.month,
  year: 12 * RATE_UNITS.month,
};

export interface Share {
  /** Fraction of the table's rows the conditions keep, 0 to 1. */
  readonly share: number;
  readonly basis: string;
}

export interface RangeContext {
  readonly rows: number;
  /** Rows the table gains per second (its growth): a time window then holds window × growth rows. */
  readonly growthPerSecond: number;
  /** The span the spec says a parameter-bounded range typically covers. */
  readonly windowSeconds?: number;
}

/**
 * The share of a table that range conditions on one column keep. A window relative to now
 * (`>= now() - interval '30 days'`) holds that much growth; a range bounded by parameters holds the
 * spec's stated window of growth when it gives one, else PostgreSQL's default for a range between two
 * unknown values (0.5%) or for one open side (a third).
 */
export function rangeShare(column: string, predicates: readonly ColumnPredicate[], context: RangeContext): Share {
  const window = fixedWindowSeconds(predicates);
  const growthShare = (seconds: number) => Math.min(1, (context.growthPerSecond * seconds) / Math.max(1, context.rows));
  if (window !== undefined && context.growthPerSecond > 0)
    return {
      share: growthShare(window),
      basis: `${column} within ${formatSeconds(window)} of now: that much growth of ${formatCount(Math.round(context.rows))} rows`,
    };
  if (context.windowSeconds !== undefined && context.growthPerSecond > 0)
    return {
      share: growthShare(context.windowSeconds),
      basis: `${column} over the stated window of ${formatSeconds(context.windowSeconds)}: that much growth`,
    };
  const bounded = predicates.some((p) => p.value.kind === 'between') || (predicates.some(isLower) && predicates.some(isUpper));
  return bounded
    ? {
        share: DEFAULT_RANGE_INEQ_SEL,
        basis: `${column} between two parameters: PostgreSQL's default range selectivity (0.5%), assumed; state the pattern's \`window\` to refine it`,
      }
    : { share: DEFAULT_INEQ_SEL, basis: `${column} bounded on one side: PostgreSQL's default inequality selectivity (1/3), assumed` };
}

const isLower = (p: ColumnPredicate) => p.operator === '>' || p.operator === '>=';
const isUpper = (p: ColumnPredicate) => p.operator === '<' || p.operator === '<=';

/** Seconds of a window that ends now, when a predicate states one: `now() - interval '30 days'`. */
export function fixedWindowSeconds(predicates: readonly ColumnPredicate[]): number | undefined {
  for (const p of predicates) {
    if (p.op !== 'range' || p.value.kind !== 'expression' || p.value.params.length > 0) continue;
    if (!/\b(now\(\)|current_timestamp|current_date|localtimestamp)/i.test(p.value.text)) continue;
    const match = /interval\s+'\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\s*'/i.exec(p.value.text);
    if (match) return Number(match[1]) * UNIT_SECONDS[match[2]!.toLowerCase()]!;
  }
  return undefined;
}

function formatSeconds(seconds: number): string {
  for (const [unit, size] of [
    ['year', 12 * RATE_UNITS.month],
    ['month', RATE_UNITS.month],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ] as const)
    if (seconds >= size) return `${formatAmount(seconds / size)} ${unit}${seconds / size === 1 ? '' : 's'}`;
  return `${seconds} s`;
}
