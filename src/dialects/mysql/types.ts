import type { LogicalType } from '../../model/logical-type.js';

/** A column's type as information_schema.COLUMNS gives it. */
export interface MysqlColumnType {
  /** DATA_TYPE: the bare type name, lower case (`varchar`, `int`, `longtext`). */
  readonly dataType: string;
  /** COLUMN_TYPE: the full declaration (`varchar(120)`, `int(10) unsigned`, `enum('a','b')`, `tinyint(1)`). */
  readonly columnType: string;
  readonly charMaxLength: number | null;
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
}

const TEXT = new Set(['tinytext', 'text', 'mediumtext', 'longtext']);
const BYTES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);

/**
 * The reverse type mapping: a MySQL/MariaDB column type to the logical type. `enumName` names the
 * enum type an `enum(…)` column gets; `jsonChecked` says a MariaDB LONGTEXT carries the
 * `json_valid` check its JSON type is made of. What has no logical type (set, bit, year, the
 * spatial types, inet4/inet6) stays native, with its declaration.
 */
export function mysqlLogicalType(type: MysqlColumnType, enumName: string, jsonChecked = false): LogicalType {
  const columnType = type.columnType.toLowerCase();
  const unsigned = /\bunsigned\b/.test(columnType);
  switch (type.dataType.toLowerCase()) {
    case 'varchar':
      return { kind: 'string', length: type.charMaxLength ?? 255 };
    case 'char':
      return { kind: 'char', length: type.charMaxLength ?? 1 };
    case 'tinyint':
      // BOOL and BOOLEAN are tinyint(1); MySQL 8 keeps that display width (alone) in COLUMN_TYPE for this reason.
      return /^tinyint\(1\)/.test(columnType) ? { kind: 'bool' } : { kind: 'int16' };
    case 'smallint':
      return unsigned ? { kind: 'int32' } : { kind: 'int16' };
    case 'mediumint':
      return { kind: 'int32' };
    case 'int':
      return unsigned ? { kind: 'int64' } : { kind: 'int32' };
    case 'bigint':
      // Unsigned goes to 2^64-1, past int64's top: kept as int64 (the ids it holds in practice fit), its maximum says the rest.
      return { kind: 'int64' };
    case 'decimal':
    case 'numeric':
      return { kind: 'decimal', precision: type.numericPrecision ?? 10, scale: type.numericScale ?? 0 };
    case 'float':
    case 'double':
    case 'real':
      return { kind: 'float' };
    case 'date':
      return { kind: 'date' };
    case 'time':
      return { kind: 'time' };
    case 'datetime':
      // DATETIME stores the wall-clock value as given, with no zone.
      return { kind: 'timestamp', withTimeZone: false };
    case 'timestamp':
      // TIMESTAMP is converted from the session's time zone to UTC on write and back on read: an instant, as timestamptz is.
      return { kind: 'timestamp', withTimeZone: true };
    case 'json':
      return { kind: 'json' };
    case 'longtext':
      return jsonChecked ? { kind: 'json' } : { kind: 'text' };
    case 'uuid':
      // MariaDB 10.7's UUID type.
      return { kind: 'uuid' };
    case 'enum':
      return { kind: 'enum', name: enumName };
    default:
      if (TEXT.has(type.dataType.toLowerCase())) return { kind: 'text' };
      if (BYTES.has(type.dataType.toLowerCase())) return { kind: 'bytes' };
      return { kind: 'native', dialect: 'mysql', sql: type.columnType };
  }
}

const SIGNED_MAX: Readonly<Record<string, number>> = {
  tinyint: 127,
  smallint: 32_767,
  mediumint: 8_388_607,
  int: 2_147_483_647,
  bigint: 9_223_372_036_854_775_807,
};

/** The largest value an integer column holds (an AUTO_INCREMENT column's ceiling); undefined for other types. */
export function integerMaximum(type: Pick<MysqlColumnType, 'dataType' | 'columnType'>): number | undefined {
  const signed = SIGNED_MAX[type.dataType.toLowerCase()];
  if (signed === undefined) return undefined;
  return /\bunsigned\b/i.test(type.columnType) ? signed * 2 + 1 : signed;
}
