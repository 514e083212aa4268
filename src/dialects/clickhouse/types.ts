import type { LogicalType } from '../../model/logical-type.js';
import type { Column, EnumType } from '../../model/schema.js';
import { quoteClickHouseLiteral } from './quote.js';

/** Distinct values up to which a string column is LowCardinality (a dictionary per part pays below ~10k). */
export const LOW_CARDINALITY_MAX = 10_000;

/**
 * Logical type -> ClickHouse type. Strings have no length; an instant is DateTime64(6, 'UTC'); an
 * enum is Enum8 (Enum16 past 127 values), its values numbered from 1; json, time and bytes are
 * String. `enumType` resolves an enum's values.
 */
export function clickHouseBaseType(type: LogicalType, enumType: (name: string) => EnumType | undefined = () => undefined): string {
  switch (type.kind) {
    case 'string':
    case 'text':
    case 'char':
    case 'json':
    case 'time':
    case 'bytes':
      return 'String';
    case 'int16':
      return 'Int16';
    case 'int32':
      return 'Int32';
    case 'int64':
      return 'Int64';
    case 'decimal':
      return `Decimal(${Math.min(type.precision, 76)}, ${type.scale})`;
    case 'money':
      return 'Decimal(19, 4)';
    case 'float':
      return 'Float64';
    case 'bool':
      return 'Bool';
    case 'date':
      return 'Date32';
    case 'timestamp':
      return type.withTimeZone ? "DateTime64(6, 'UTC')" : 'DateTime64(6)';
    case 'uuid':
      return 'UUID';
    case 'enum': {
      const values = enumType(type.name)?.values ?? [];
      return `${values.length > 127 ? 'Enum16' : 'Enum8'}(${values.map((v, i) => `${quoteClickHouseLiteral(v)} = ${i + 1}`).join(', ')})`;
    }
    case 'native':
      return type.dialect === 'clickhouse' ? type.sql : 'String';
  }
}

/** The column's type with Nullable and LowCardinality where they apply. */
export function clickHouseColumnType(column: Column, enumType: (name: string) => EnumType | undefined): string {
  let type = clickHouseBaseType(column.type, enumType);
  if (column.nullable) type = `Nullable(${type})`;
  const lowCardinality = column.type.kind === 'string' && column.distinct !== undefined && column.distinct <= LOW_CARDINALITY_MAX;
  return lowCardinality ? `LowCardinality(${type})` : type;
}
