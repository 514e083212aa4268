import type { Column, ColumnDefault, EnumType } from '../../model/schema.js';
import { translatePgExpression, type ColumnLookup } from './expression.js';
import { quoteSqliteIdentifier as q, sqliteLiteral } from './quote.js';
import { sqliteStorage, TIME_FORMAT, TIMESTAMP_FORMAT, TIMESTAMPTZ_FORMAT, type SqliteStorage } from './types.js';

/** Records what the script cannot express and what it does instead. */
export type Substitute = (feature: string, object: string, alternative: string) => void;

/** The column's storage, its CHECK written over its quoted name. */
export const storageOf = (column: Column, enums: readonly EnumType[]): SqliteStorage => sqliteStorage(column.type, q(column.name), enums);

/** A model value as the column stores it: decimals multiplied by 10^scale, booleans 0/1. */
export function storedLiteral(storage: SqliteStorage, value: string | number | boolean): string {
  if (storage.scale !== undefined && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)))) {
    return scaled(Number(value), storage.scale);
  }
  return sqliteLiteral(value);
}

/** n times 10^scale as an exact integer literal, computed on the decimal digits and rounded half away from zero, as numeric(p,s) rounds. */
export function scaled(n: number, scale: number): string {
  const text = Math.abs(n).toString();
  // Exponent notation (1e-7, 1e21) has no digits to cut: written out in full first.
  const [whole = '0', fraction = ''] = (text.includes('e') ? Math.abs(n).toFixed(Math.min(100, scale + 1)) : text).split('.');
  const padded = fraction.padEnd(scale + 1, '0');
  const units = BigInt(`${whole}${padded.slice(0, scale)}`) + (padded[scale]! >= '5' ? 1n : 0n);
  return `${n < 0 && units !== 0n ? '-' : ''}${units}`;
}

/** A v4 UUID in lower case, from SQLite's random source: the variant digit is one of 8, 9, a, b. */
const RANDOM_UUID =
  "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || " +
  "substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))";

/** The moment of the write in the column's text form. */
function nowIn(column: Column): string {
  const type = column.type;
  if (type.kind === 'date') return "date('now')";
  if (type.kind === 'time') return `strftime('${TIME_FORMAT}', 'now')`;
  return `strftime('${type.kind === 'timestamp' && !type.withTimeZone ? TIMESTAMP_FORMAT : TIMESTAMPTZ_FORMAT}', 'now')`;
}

/**
 * ` DEFAULT …` for a column, or '' (with a substitution) when SQLite cannot compute it. A rowid
 * column's sequence needs no default: SQLite numbers the rows itself.
 */
export function defaultClause(table: string, column: Column, storage: SqliteStorage, rowid: boolean, columns: ColumnLookup, substitute: Substitute): string {
  const value: ColumnDefault | undefined = column.default;
  if (!value) return '';
  switch (value.kind) {
    case 'literal':
      return ` DEFAULT ${storedLiteral(storage, value.value)}`;
    case 'now':
      return ` DEFAULT (${nowIn(column)})`;
    case 'random-uuid':
      return ` DEFAULT (${RANDOM_UUID})`;
    case 'sequence':
      if (rowid) return '';
      substitute(
        'sequence default',
        `${table}.${column.name}`,
        `none: SQLite has sequences only for the rowid; the application supplies the values of ${value.sequence}`,
      );
      return '';
    case 'expression': {
      const sql = translatePgExpression(value.sql, columns);
      if (sql !== undefined) return ` DEFAULT (${sql})`;
      substitute(
        'default expression',
        `${table}.${column.name}`,
        `none: \`${value.sql}\` is PostgreSQL SQL with no SQLite translation here; the application supplies the value`,
      );
      return '';
    }
  }
}
