import type { ValueKind } from '../dialects/transfer.js';

/**
 * The canonical text form of a value, per value kind: the one place both sides' values are made
 * comparable. A value arrives as what the source's conversion made of it (convert.ts) or as the
 * text the target read it back as (the target dialect's `selectBatch`); both give the same
 * canonical text when the value survived the copy.
 *
 * - NULL: `\N` (a text value `\N` is escaped to `\\N`, so the two never meet);
 * - integers: decimal digits, no sign for zero, no leading zeros;
 * - decimals: no trailing zeros after the point, no point when nothing is left (1.50 -> 1.5, 10.00 -> 10);
 * - floats: JavaScript's shortest round-trip form of the number (1e+300, -1.5e-10);
 * - booleans: `true` / `false`;
 * - text and enum labels: the characters, with `\`, tab, newline and carriage return escaped;
 * - bytes: lower-case hex; bit strings: the 0s and 1s;
 * - dates `YYYY-MM-DD`; times `HH:MM:SS[.f]` without trailing zeros in the fraction; durations as seconds (a decimal);
 * - timestamps `YYYY-MM-DDTHH:MM:SS[.f]`, with `Z` for an instant (timestamptz, always UTC);
 * - JSON: re-serialized with object keys sorted, no spaces;
 * - sets: the members sorted, as a JSON list; UUIDs in lower case.
 */
export const NULL_MARKER = '\\N';

export type CanonicalInput = string | readonly string[] | null | undefined;

export function canonicalValue(kind: ValueKind, value: CanonicalInput): string {
  if (value === null || value === undefined) return NULL_MARKER;
  if (kind === 'set') return canonicalSet(value);
  if (typeof value !== 'string') throw new Error(`a ${kind} value cannot be a list`);
  switch (kind) {
    case 'integer':
      return BigInt(value.trim()).toString();
    case 'decimal':
      return canonicalDecimal(value);
    case 'float':
      return String(Number(value));
    case 'bool':
      if (/^(t|true|1)$/i.test(value)) return 'true';
      if (/^(f|false|0)$/i.test(value)) return 'false';
      throw new Error(`not a boolean: ${value}`);
    case 'text':
    case 'enum':
      return escapeText(value);
    case 'bytes':
      return value.replace(/^\\x/, '').toLowerCase();
    case 'bits':
    case 'date':
      return value;
    case 'time':
      return stripFraction(value);
    case 'duration':
      return canonicalDecimal(/^-?\d+:\d\d:\d\d(\.\d+)?$/.test(value) ? durationSeconds(value) : value);
    case 'timestamp':
      return stripFraction(value.replace(' ', 'T').replace(/Z$/, ''));
    case 'timestamptz':
      return `${stripFraction(value.replace(' ', 'T').replace(/(Z|\+00(:00)?)$/, ''))}Z`;
    case 'json':
      return JSON.stringify(sortKeys(JSON.parse(value)));
    case 'uuid':
      return value.toLowerCase();
  }
}

/** A row's canonical line: its values' canonical texts joined by tabs (no value holds an unescaped tab). */
export const canonicalLine = (values: readonly string[]): string => values.join('\t');

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function canonicalDecimal(value: string): string {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/.exec(value);
  if (!m) throw new Error(`not a decimal: ${value}`);
  const whole = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const digits = fraction ? `${whole}.${fraction}` : whole;
  return m[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

function stripFraction(value: string): string {
  return value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** `-838:59:59.5` as seconds: `-3020399.5`. */
function durationSeconds(value: string): string {
  const m = /^(-?)(\d+):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(value)!;
  const seconds = BigInt(m[2]!) * 3600n + BigInt(m[3]!) * 60n + BigInt(m[4]!);
  return `${m[1]}${seconds}${m[5] ? `.${m[5]}` : ''}`;
}

function canonicalSet(value: string | readonly string[]): string {
  const members = typeof value === 'string' ? (JSON.parse(value) as string[]) : [...value];
  return JSON.stringify([...members].sort());
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}
