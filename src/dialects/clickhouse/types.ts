import type { LogicalType } from '../../model/logical-type.js';
import type { EnumType } from '../../model/schema.js';
import { clickhouseString } from './quote.js';

/**
 * Logical type -> ClickHouse column type (docs/dialects/clickhouse.md has the table). Timestamps are
 * DateTime64(6): microseconds, as PostgreSQL keeps them; with a time zone they are stored in UTC.
 * Enums are Enum8/Enum16 with their values numbered in spec order.
 */
export function clickhouseColumnType(type: LogicalType, enums: readonly EnumType[] = []): string {
  switch (type.kind) {
    case 'string':
    case 'text':
    case 'json':
    case 'bytes':
      return 'String';
    case 'char':
      return `FixedString(${type.length})`;
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
    case 'time':
      return 'String';
    case 'timestamp':
      return type.withTimeZone ? "DateTime64(6, 'UTC')" : 'DateTime64(6)';
    case 'uuid':
      return 'UUID';
    case 'enum': {
      const values = enums.find((e) => e.name === type.name)?.values ?? [];
      const width = values.length > 127 ? 'Enum16' : 'Enum8';
      return `${width}(${values.map((v, i) => `${clickhouseString(v)} = ${i + 1}`).join(', ')})`;
    }
    case 'native':
      return 'String';
  }
}

/** Types stored in a weaker form than the model's, with what the column holds instead (each a substitution). */
export function weakerType(type: LogicalType): string | undefined {
  switch (type.kind) {
    case 'json':
      return 'JSON text in a String column, read with the JSONExtract functions (the JSON column type is newer than the versions targeted)';
    case 'time':
      return "a time of day as 'HH:MM:SS' text in a String column (ClickHouse has no time-of-day type before 25.6)";
    case 'string':
      return type.length > 0 ? `a String with no length limit: the ${type.length}-character limit is the application's to keep` : undefined;
    case 'native':
      return `a database's own type (${type.sql}) kept as String text`;
    default:
      return undefined;
  }
}
