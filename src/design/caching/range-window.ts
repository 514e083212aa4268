import type { QueryShape } from '../../sql/query-shape.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_629_746,
  year: 31_556_952,
};

/** A range filter on one column over a window that ends now: `placed_at >= now() - interval '30 days'`. */
export interface RangeWindow {
  readonly table: string;
  readonly column: string;
  readonly seconds: number;
  readonly text: string;
}

/**
 * The fixed window of a pattern's range filter relative to now(), when its SQL states one. A range
 * bounded by parameters has no fixed window: every call may ask for a different one.
 */
export function fixedRangeWindow(shape: QueryShape): RangeWindow | undefined {
  for (const p of shape.predicates) {
    if (p.op !== 'range' || p.value.kind !== 'expression' || p.value.params.length > 0 || !p.table) continue;
    if (!/\b(now\(\)|current_timestamp|current_date|localtimestamp)/i.test(p.value.text)) continue;
    const match = /interval\s+'\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\s*'/i.exec(p.value.text);
    if (!match) continue;
    const seconds = Number(match[1]) * UNIT_SECONDS[match[2]!.toLowerCase()]!;
    return { table: p.table, column: p.column, seconds, text: p.value.text };
  }
  return undefined;
}
