import { formatAmount, formatCount } from '../../format.js';

/** Shared with the other analyses. */
export { formatAmount, formatRate } from '../../format.js';

/** `7.8 trillion rows`: counts too long to read digit by digit get a word. */
export function formatRows(rows: number): string {
  const scales: readonly [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, word] of scales) if (rows >= scale) return `${Number((rows / scale).toPrecision(2))} ${word} rows`;
  return `${formatCount(Math.round(rows))} rows`;
}

/** Decimal units, two significant digits: a rough volume, not a page count. */
export function formatVolume(bytes: number): string {
  const units: readonly [number, string][] = [
    [1e15, 'PB'],
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [scale, unit] of units) if (bytes >= scale) return `${Number((bytes / scale).toPrecision(2))} ${unit}`;
  return `${Math.round(bytes)} B`;
}

/** `60s`, `5m`, `2h`, `3d`: the largest unit that divides evenly, as the spec writes durations. */
export function formatDuration(seconds: number): string {
  const units: readonly [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
  ];
  for (const [size, unit] of units) if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  return `${formatAmount(seconds)}s`;
}
