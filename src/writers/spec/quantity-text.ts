import { DURATION_UNITS } from '../../spec/quantities.js';

/**
 * Counts, rates and durations in the spec's own notation (SPEC.md, "Quantities and durations"),
 * rounded to be read: `1.2M`, `150k`, `950`. What parseQuantity reads back is close, not exact:
 * row counts from statistics are estimates anyway.
 */
export function quantityText(value: number): string {
  const n = Math.max(0, Math.round(value));
  const [suffix, scale] = n >= 1e9 ? ['B', 1e9] : n >= 1e6 ? ['M', 1e6] : n >= 1e3 ? ['k', 1e3] : ['', 1];
  const scaled = n / scale;
  const rounded = scaled < 100 ? Math.round(scaled * 10) / 10 : Math.round(scaled);
  return `${rounded}${suffix}`;
}

/** A monthly growth as a spec rate: `5.2M/month`. */
export function monthlyRateText(perMonth: number): string {
  return `${quantityText(perMonth)}/month`;
}

/** A duration in the largest unit that divides it evenly (within rounding): `7y`, `90d`, `12h`. */
export function durationText(seconds: number): string {
  const units = ['y', 'w', 'd', 'h', 'm', 's'] as const;
  for (const unit of units) {
    const count = seconds / DURATION_UNITS[unit];
    if (count >= 1 && Math.abs(count - Math.round(count)) < 1e-9) return `${Math.round(count)}${unit}`;
  }
  return `${Math.max(1, Math.round(seconds))}s`;
}
