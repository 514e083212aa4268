/**
 * The spec's small languages for amounts: quantities (`5k`, `1.2M`), rates (`400/s`), durations
 * (`30ms`, `7y`) and percentages (`99.95%`). Each parser returns a value or a message saying what
 * the accepted form is, so the caller can attach a location.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly fix: string };

export interface Rate {
  readonly text: string;
  readonly perSecond: number;
}

export interface Duration {
  readonly text: string;
  readonly seconds: number;
}

const SUFFIX = { '': 1, k: 1e3, M: 1e6, B: 1e9 } as const;
const QUANTITY = /^(\d+(?:\.\d+)?)\s*([kMB]?)$/;

export const RATE_UNITS = { s: 1, min: 60, h: 3600, day: 86_400, month: 2_629_746 } as const;
/** A month is a twelfth of the mean Gregorian year; a year is 365.2425 days. */
export const DURATION_UNITS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_556_952 } as const;

const fail = <T>(message: string, fix: string): Parsed<T> => ({ ok: false, message, fix });

export function parseQuantity(input: unknown): Parsed<number> {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0
      ? { ok: true, value: input }
      : fail(`\`${input}\` is not a non-negative count`, 'write a count such as `5000`, `5k`, `1.2M` or `5B`');
  }
  const text = String(input).trim();
  const match = QUANTITY.exec(text);
  if (!match) return fail(`\`${text}\` is not a quantity`, 'write a count such as `5000`, `5k`, `1.2M` or `5B` (k = 10^3, M = 10^6, B = 10^9)');
  return { ok: true, value: Math.round(Number(match[1]) * SUFFIX[match[2] as keyof typeof SUFFIX]) };
}

export function parseRate(input: unknown): Parsed<Rate> {
  const text = String(input).trim();
  const slash = text.lastIndexOf('/');
  const fix = 'write a quantity per unit such as `400/s`, `1/min`, `2k/day` or `1.2B/month` (units: s, min, h, day, month)';
  if (slash < 0) return fail(`\`${text}\` is not a rate`, fix);
  const amount = parseQuantity(text.slice(0, slash).trim());
  const unit = text.slice(slash + 1).trim();
  if (!amount.ok) return fail(`\`${text}\` is not a rate: the amount is not a quantity`, fix);
  if (!(unit in RATE_UNITS)) return fail(`\`${text}\` has an unknown time unit \`${unit}\``, fix);
  return { ok: true, value: { text, perSecond: amount.value / RATE_UNITS[unit as keyof typeof RATE_UNITS] } };
}

export function parseDuration(input: unknown): Parsed<Duration> {
  const text = String(input).trim();
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)$/.exec(text);
  if (!match) return fail(`\`${text}\` is not a duration`, 'write a number and a unit such as `20ms`, `60s`, `5m`, `12h`, `90d`, `2w` or `7y`');
  return { ok: true, value: { text, seconds: Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS] } };
}

export function parsePercentage(input: unknown): Parsed<number> {
  const text = String(input).trim();
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  const value = match ? Number(match[1]) : NaN;
  if (!match || value <= 0 || value >= 100)
    return fail(`\`${text}\` is not a percentage between 0 and 100`, 'write it with a percent sign, such as `99.9%` or `99.95%`');
  return { ok: true, value };
}

const BYTE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** `2GB`, `500 MB`, `1.5gb`, `123456` (bytes), in binary units as PostgreSQL's pg_size_pretty; undefined when it is not a size. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?b)?$/i.exec(text.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * BYTE_UNITS[(m[2] ?? 'b').toLowerCase()]!);
}
