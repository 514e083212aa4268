import type { Engine } from '../engines/engine.js';
import type { Table } from '../model/schema.js';
import type { DialectSampling } from '../dialects/dialect.js';

const CANDIDATES = 8;
const INT16 = { min: -32768, max: 32767 };

/**
 * A value of the column that no row of the table has, within its checks: numbers above the
 * largest (or the first free one in a bounded range), other types from a few candidates checked
 * against the table. Undefined when every candidate is taken.
 */
export async function freshValue(engine: Engine, table: Table, column: string, sampling: DialectSampling): Promise<unknown> {
  const type = table.columns.find((c) => c.name === column)?.type;
  const rules = table.checks.map((c) => c.rule).filter((r) => r.kind !== 'expression' && r.column === column);
  const range = rules.find((r) => r.kind === 'range');
  const format = rules.find((r) => r.kind === 'format');
  switch (type?.kind) {
    case 'int16':
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'float': {
      const min = range?.kind === 'range' ? range.min : type.kind === 'int16' ? INT16.min : undefined;
      const max =
        range?.kind === 'range' && range.max !== undefined
          ? Math.min(range.max, type.kind === 'int16' ? INT16.max : Infinity)
          : type.kind === 'int16'
            ? INT16.max
            : undefined;
      if (max !== undefined) {
        const rows = await engine.query<{ v: unknown }>(sampling.firstFreeInteger(table.name, column), [Math.ceil(min ?? max - 1_000_000), Math.floor(max)]);
        return rows[0]?.v;
      }
      const rows = await engine.query<{ v: unknown }>(sampling.aboveLargest(table.name, column));
      const above = Number(rows[0]?.v ?? 1);
      return min !== undefined && above < min ? min : rows[0]?.v;
    }
    case 'string':
    case 'text':
    case 'uuid':
    case 'date':
    case 'timestamp': {
      const length = type.kind === 'string' ? type.length : Infinity;
      for (let k = 1; k <= CANDIDATES; k++) {
        const value = candidate(type.kind, format?.kind === 'format' ? format.format : undefined, k, length);
        const taken = await engine.query(sampling.valueTaken(table.name, column), [value]);
        if (taken.length === 0) return value;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The k-th value tried: unlike the seeded ones (which lie before "now" and count up from 1). */
function candidate(kind: 'string' | 'text' | 'uuid' | 'date' | 'timestamp', format: 'email' | 'phone' | undefined, k: number, length: number): string {
  if (format === 'email') return `fresh.${k}@example.com`;
  if (format === 'phone') return `+2${String(k).padStart(10, '0')}`;
  switch (kind) {
    case 'uuid':
      return `ffffffff-ffff-4fff-bfff-${k.toString(16).padStart(12, '0')}`;
    case 'date':
      return `2999-01-${String(k).padStart(2, '0')}`;
    case 'timestamp':
      return `2999-01-01T00:00:${String(k).padStart(2, '0')}Z`;
    default: {
      const word = `fresh-${k}`;
      return word.length <= length ? word : `~${k.toString(36)}`.slice(-length);
    }
  }
}
