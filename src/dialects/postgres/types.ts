import type { LogicalType } from '../../model/logical-type.js';
import { quotePgIdentifier } from './quote.js';

/** Logical type -> PostgreSQL type. `timestamp` is an instant, so timestamptz; the spec's money is numeric; `money` appears only when an existing database has it. */
export function postgresColumnType(type: LogicalType): string {
  switch (type.kind) {
    case 'string':
      return `varchar(${type.length})`;
    case 'text':
      return 'text';
    case 'char':
      return `char(${type.length})`;
    case 'money':
      return 'money';
    case 'int16':
      return 'smallint';
    case 'int32':
      return 'integer';
    case 'int64':
      return 'bigint';
    case 'decimal':
      return `numeric(${type.precision},${type.scale})`;
    case 'float':
      return 'double precision';
    case 'bool':
      return 'boolean';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'timestamp':
      return type.withTimeZone ? 'timestamptz' : 'timestamp';
    case 'json':
      return 'jsonb';
    case 'uuid':
      return 'uuid';
    case 'bytes':
      return 'bytea';
    case 'enum':
      return quotePgIdentifier(type.name);
    case 'native':
      return type.sql;
  }
}
