import type { ColumnDefault } from '../../../model/schema.js';
import type { LogicalType } from '../../../model/logical-type.js';

const NOW = new Set(['now()', 'CURRENT_TIMESTAMP', 'statement_timestamp()', 'transaction_timestamp()', 'LOCALTIMESTAMP']);
const RANDOM_UUID = new Set(['gen_random_uuid()', 'uuid_generate_v4()', 'uuidv4()']);
const NUMERIC = new Set(['int16', 'int32', 'int64', 'decimal', 'float', 'money']);

/**
 * A column default as pg_get_expr prints it, read back into the model: the clock, a random UUID,
 * a sequence, a literal (PostgreSQL prints `'abc'::text`, `'-1'::integer`, `0`, `true`), or else
 * the expression's own SQL.
 */
export function columnDefaultOf(sql: string, type: LogicalType): ColumnDefault {
  const text = sql.trim();
  if (NOW.has(text) || /^\(?now\(\)\)?::timestamp(tz| with(out)? time zone)?$/.test(text)) return { kind: 'now' };
  if (RANDOM_UUID.has(text)) return { kind: 'random-uuid' };
  const sequence = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(text);
  if (sequence) return { kind: 'sequence', sequence: sequence[1]!.replaceAll("''", "'").replaceAll('"', '') };
  if (text === 'true' || text === 'false') return { kind: 'literal', value: text === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'literal', value: Number(text) };
  const quoted = /^'((?:[^']|'')*)'::[a-z_][a-z0-9_ ."]*(\(\d+(,\d+)?\))?$/i.exec(text);
  if (quoted) {
    const value = quoted[1]!.replaceAll("''", "'");
    if (NUMERIC.has(type.kind) && type.kind !== 'money' && /^-?\d+(\.\d+)?$/.test(value)) return { kind: 'literal', value: Number(value) };
    if (type.kind === 'bool' && (value === 'true' || value === 'false')) return { kind: 'literal', value: value === 'true' };
    if (type.kind !== 'native' && type.kind !== 'json' && type.kind !== 'bytes') return { kind: 'literal', value };
  }
  return { kind: 'expression', sql: text };
}
