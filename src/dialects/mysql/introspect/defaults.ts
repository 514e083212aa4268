import type { LogicalType } from '../../../model/logical-type.js';
import type { ColumnDefault } from '../../../model/schema.js';
import type { MysqlFlavor } from '../session.js';

const NOW = /^(current_timestamp|now|localtimestamp|localtime)(\(\d*\))?$/i;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A column's default from information_schema.COLUMNS.COLUMN_DEFAULT, which the two servers write
 * differently. MariaDB (10.2.7 on) writes SQL: a string literal quoted (`'it''s'`), a number bare,
 * an expression as such (`current_timestamp()`, `uuid()`), and `NULL` for a default of NULL. MySQL
 * writes a literal's bare value (`it's`) and marks an expression with DEFAULT_GENERATED in EXTRA
 * (8.0.13; CURRENT_TIMESTAMP on temporal columns before that). A default of NULL is no default.
 */
export function mysqlColumnDefault(flavor: MysqlFlavor, raw: string | null, extra: string, type: LogicalType): ColumnDefault | undefined {
  if (raw === null) return undefined;
  if (flavor === 'mariadb') {
    if (raw === 'NULL') return undefined;
    const quoted = /^'(.*)'$/s.exec(raw);
    if (quoted) return literal(quoted[1]!.replace(/''/g, "'").replace(/\\(.)/gs, '$1'), type);
    if (NOW.test(raw)) return { kind: 'now' };
    return NUMBER.test(raw) ? literal(raw, type) : { kind: 'expression', sql: raw };
  }
  if (/\bDEFAULT_GENERATED\b/i.test(extra) || (NOW.test(raw) && isTemporal(type))) return NOW.test(raw) ? { kind: 'now' } : { kind: 'expression', sql: raw };
  return literal(raw, type);
}

const isTemporal = (type: LogicalType) => type.kind === 'timestamp' || type.kind === 'date' || type.kind === 'time';

/** A literal typed as its column: numbers for numeric columns, true/false for booleans (stored 1/0), text otherwise. */
function literal(value: string, type: LogicalType): ColumnDefault {
  if (type.kind === 'bool' && /^[01]$/.test(value)) return { kind: 'literal', value: value === '1' };
  const numeric = ['int16', 'int32', 'int64', 'decimal', 'float'].includes(type.kind);
  if (numeric && NUMBER.test(value) && Number.isSafeInteger(Math.trunc(Number(value)))) return { kind: 'literal', value: Number(value) };
  return { kind: 'literal', value };
}
