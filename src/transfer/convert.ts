import type { TransferColumn } from '../dialects/transfer.js';

/**
 * A value as the source's driver (mysql2: dates as text, big integers as text, bytes as Buffers)
 * gives it, turned into what the target column takes: its canonical text (canonical.ts), a list for
 * a set, the JSON text itself for JSON (so the batch carries it as JSON, digits intact), or null.
 * A zero date becomes null, as the mapping states.
 */
export type TargetValue = string | readonly string[] | null;

export function toTargetValue(column: TransferColumn, raw: unknown): TargetValue {
  if (raw === null || raw === undefined) return null;
  switch (column.kind) {
    case 'integer':
      return String(raw);
    case 'decimal':
    case 'text':
    case 'enum':
    case 'time':
    case 'duration':
      return textOf(raw);
    case 'float':
      return String(Number(raw));
    case 'bool': {
      const n = Number(raw);
      if (n === 0 || n === 1) return n === 1 ? 'true' : 'false';
      throw new Error(`${column.name}: ${String(raw)} is not 0 or 1, so not a boolean`);
    }
    case 'bytes':
      return `\\x${bytesOf(raw).toString('hex')}`;
    case 'bits': {
      const bits = BigInt(`0x${bytesOf(raw).toString('hex') || '0'}`).toString(2);
      return bits.padStart(column.width ?? bits.length, '0').slice(-(column.width ?? bits.length));
    }
    case 'date': {
      const text = textOf(raw);
      return isZeroDate(text) ? null : text;
    }
    case 'timestamp':
    case 'timestamptz': {
      const text = textOf(raw);
      if (isZeroDate(text)) return null;
      // The source session reads TIMESTAMP in UTC (time_zone +00:00), so the instant is the text with Z.
      return `${text.replace(' ', 'T')}${column.kind === 'timestamptz' ? 'Z' : ''}`;
    }
    case 'json': {
      const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : JSON.stringify(raw);
      JSON.parse(text);
      return text;
    }
    case 'set': {
      const text = textOf(raw);
      return text === '' ? [] : text.split(',');
    }
    case 'uuid':
      return textOf(raw).toLowerCase();
  }
}

const textOf = (raw: unknown): string => (Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw));
const bytesOf = (raw: unknown): Buffer => (Buffer.isBuffer(raw) ? raw : raw instanceof Uint8Array ? Buffer.from(raw) : Buffer.from(String(raw), 'utf8'));

const isZeroDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return m !== null && (m[1] === '0000' || m[2] === '00' || m[3] === '00');
};

/**
 * A batch as the JSON array of objects the target's insert reads: each value a JSON string (its
 * canonical text), a list of strings, null, or, for JSON columns, the document itself.
 */
export function batchJson(columns: readonly TransferColumn[], rows: readonly (readonly TargetValue[])[]): string {
  const row = (values: readonly TargetValue[]) =>
    `{${columns
      .map((c, i) => {
        const v = values[i] ?? null;
        const json = v === null ? 'null' : c.kind === 'json' ? (v as string) : JSON.stringify(v);
        return `${JSON.stringify(c.name)}:${json}`;
      })
      .join(',')}}`;
  return `[${rows.map(row).join(',')}]`;
}
