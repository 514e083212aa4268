import type { LogicalType } from '../../model/logical-type.js';
import type { ColumnDefault } from '../../model/schema.js';

/**
 * A DEFAULT as written in a file (not as the catalog prints it): the clock, a random UUID, a
 * sequence, a plain literal (`0`, `'new'`, `true`), else the expression's text.
 */
export function defaultOfText(text: string, type: LogicalType): ColumnDefault {
  const t = text.trim();
  if (/^(now\(\)|current_timestamp|localtimestamp|transaction_timestamp\(\)|statement_timestamp\(\))$/i.test(t)) return { kind: 'now' };
  if (/^(gen_random_uuid|uuid_generate_v4|uuidv4)\(\)$/i.test(t)) return { kind: 'random-uuid' };
  const sequence = /^nextval\('((?:[^']|'')+)'(::regclass)?\)$/i.exec(t);
  if (sequence) return { kind: 'sequence', sequence: sequence[1]!.replaceAll('"', '').replace(/^public\./, '') };
  if (/^(true|false)$/i.test(t)) return { kind: 'literal', value: t.toLowerCase() === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) };
  const quoted = /^'((?:[^']|'')*)'(::[a-z_][a-z0-9_ ."]*)?$/i.exec(t);
  if (quoted && type.kind !== 'json' && type.kind !== 'native' && type.kind !== 'bytes') {
    const value = quoted[1]!.replaceAll("''", "'");
    return ['int16', 'int32', 'int64', 'decimal', 'float'].includes(type.kind) && /^-?\d+(\.\d+)?$/.test(value)
      ? { kind: 'literal', value: Number(value) }
      : { kind: 'literal', value };
  }
  return { kind: 'expression', sql: t };
}
