import { formatCount } from '../../format.js';

/** A count rounded to two significant digits, for estimates that are no more precise than that: `4,900,000`. */
export function approximateCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return formatCount(n >= 100 ? Number(n.toPrecision(2)) : Math.round(n));
}
