import type { LogicalType } from '../../model/logical-type.js';
import type { EnumType } from '../../model/schema.js';
import { quoteSqliteLiteral } from './quote.js';

/** The five storage types a STRICT table accepts, and ANY (kept as given). */
export type SqliteStorageType = 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB' | 'ANY';

/**
 * How a logical type is stored in a STRICT table: the storage type, and a CHECK that keeps the rest
 * of the type (length, range, format) which a storage type alone does not. A CHECK passes on NULL,
 * so nullable columns need no `IS NULL OR`.
 */
export interface SqliteStorage {
  readonly type: SqliteStorageType;
  /** The condition over the (quoted) column; undefined when the storage type says it all. */
  readonly check?: string;
  /** Decimals are integers counted in units of 10^-scale: a value is multiplied by 10^scale to be stored. */
  readonly scale?: number;
  /** What the representation cannot keep, stated as a substitution. */
  readonly loss?: { readonly feature: string; readonly alternative: string };
}

/** Canonical text forms; the CHECK compares a value with itself rewritten, so only that form is stored and text order is time order. */
export const TIMESTAMPTZ_FORMAT = '%Y-%m-%dT%H:%M:%fZ';
export const TIMESTAMP_FORMAT = '%Y-%m-%dT%H:%M:%f';
export const TIME_FORMAT = '%H:%M:%f';

const INT16 = 'BETWEEN -32768 AND 32767';
const INT32 = 'BETWEEN -2147483648 AND 2147483647';
/** The widest decimal whose scaled value fits SQLite's 64-bit INTEGER (9.22e18) everywhere in its range. */
const MAX_INTEGER_PRECISION = 18;

/** Logical type -> its STRICT storage, for the column named `column` (already quoted). */
export function sqliteStorage(type: LogicalType, column: string, enums: readonly EnumType[]): SqliteStorage {
  switch (type.kind) {
    case 'string':
    case 'char':
      return { type: 'TEXT', check: `length(${column}) <= ${type.length}` };
    case 'text':
      return { type: 'TEXT' };
    case 'int16':
      return { type: 'INTEGER', check: `${column} ${INT16}` };
    case 'int32':
      return { type: 'INTEGER', check: `${column} ${INT32}` };
    case 'int64':
      return { type: 'INTEGER' };
    case 'decimal':
      return decimalStorage(type.precision, type.scale, column, `decimal(${type.precision},${type.scale})`);
    case 'money':
      // PostgreSQL's money keeps the locale's fraction, two digits nearly everywhere.
      return decimalStorage(19, 2, column, 'money');
    case 'float':
      return { type: 'REAL' };
    case 'bool':
      return { type: 'INTEGER', check: `${column} IN (0, 1)` };
    case 'date':
      return { type: 'TEXT', check: `${column} = date(${column})` };
    case 'time':
      return { type: 'TEXT', check: `${column} = strftime('${TIME_FORMAT}', ${column})` };
    case 'timestamp':
      return { type: 'TEXT', check: `${column} = strftime('${type.withTimeZone ? TIMESTAMPTZ_FORMAT : TIMESTAMP_FORMAT}', ${column})` };
    case 'json':
      return { type: 'TEXT', check: `json_valid(${column})` };
    case 'uuid':
      // 8-4-4-4-12: dashes at those places, 32 other characters, each a lower-case hex digit.
      return {
        type: 'TEXT',
        check: `${column} GLOB '????????-????-????-????-????????????' AND length(replace(${column}, '-', '')) = 32 AND ${column} NOT GLOB '*[^0-9a-f-]*'`,
      };
    case 'bytes':
      return { type: 'BLOB' };
    case 'enum': {
      const values = enums.find((e) => e.name === type.name)?.values ?? [];
      return { type: 'TEXT', check: `${column} IN (${values.map(quoteSqliteLiteral).join(', ')})` };
    }
    case 'native': {
      const declared = type.sql.trim().toUpperCase();
      if (type.dialect === 'sqlite' && ['INTEGER', 'REAL', 'TEXT', 'BLOB', 'ANY'].includes(declared)) return { type: declared as SqliteStorageType };
      return {
        type: 'ANY',
        loss: { feature: `type ${type.sql} (${type.dialect})`, alternative: 'ANY: values are stored as given; the application keeps them to the type' },
      };
    }
  }
}

function decimalStorage(precision: number, scale: number, column: string, name: string): SqliteStorage {
  if (precision > MAX_INTEGER_PRECISION + 1) {
    return {
      type: 'TEXT',
      loss: {
        feature: `exact ${name}`,
        alternative: 'TEXT holding the digits as written: exact, but compared and ordered as text and summed as floating point by SQLite',
      },
    };
  }
  const limit = `${'9'.repeat(Math.min(precision, MAX_INTEGER_PRECISION))}`;
  // decimal(19,s) fills 18.96 digits of the 64-bit INTEGER: the storage type is its bound.
  const check = precision <= MAX_INTEGER_PRECISION ? `${column} BETWEEN -${limit} AND ${limit}` : undefined;
  if (scale === 0) return { type: 'INTEGER', ...(check ? { check } : {}) };
  return {
    type: 'INTEGER',
    ...(check ? { check } : {}),
    scale,
    loss: {
      feature: `exact ${name}`,
      alternative: `INTEGER counting units of 10^-${scale} (the value times 10^${scale}: 12.34 is stored as ${Math.round(12.34 * 10 ** scale)}): exact sums and comparisons; SQLite has no exact decimal type, and REAL would round`,
    },
  };
}

/** The storage type alone, as `DdlTarget.columnType` reports it. */
export const sqliteColumnType = (type: LogicalType): string => sqliteStorage(type, 'x', []).type;
