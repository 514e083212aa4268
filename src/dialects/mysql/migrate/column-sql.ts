import type { LogicalType } from '../../../model/logical-type.js';
import type { Column, Schema } from '../../../model/schema.js';
import { quoteMysqlIdentifier as q, quoteMysqlLiteral } from '../quote.js';

/**
 * A logical type as the MySQL/MariaDB column type a plan writes, the inverse of `mysqlLogicalType`
 * where one exists (an introspected `varchar(80)` is string(80) and is written back so). The model
 * keeps no width of its integers beyond 16/32/64 bits, so a `tinyint` that is not `tinyint(1)` comes
 * back as `smallint`: a plan that rewrites such a column says so in its note (see `lossyType`).
 */
export function mysqlColumnType(type: LogicalType, schema: Schema): string {
  switch (type.kind) {
    case 'string':
      return `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'text':
      return 'text';
    case 'int16':
      return 'smallint';
    case 'int32':
      return 'int';
    case 'int64':
      return 'bigint';
    case 'decimal':
    case 'money':
      return type.kind === 'decimal' ? `decimal(${type.precision},${type.scale})` : 'decimal(19,4)';
    case 'float':
      return 'double';
    case 'bool':
      return 'tinyint(1)';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'timestamp':
      // TIMESTAMP is stored as an instant (read back withTimeZone); DATETIME is a wall-clock value.
      return type.withTimeZone ? 'timestamp' : 'datetime';
    case 'json':
      return 'json';
    case 'uuid':
      // MariaDB 10.7's UUID type; MySQL has none (char(36) there).
      return 'uuid';
    case 'bytes':
      return 'blob';
    case 'enum': {
      const values = schema.enums.find((e) => e.name === type.name)?.values ?? [];
      return `enum(${values.map(quoteMysqlLiteral).join(',')})`;
    }
    case 'native':
      return type.sql;
  }
}

/** A default as SQL: literals quoted (booleans 1/0), `now` as CURRENT_TIMESTAMP, expressions in parentheses. */
export function mysqlDefault(column: Column): string | undefined {
  const d = column.default;
  if (!d) return undefined;
  switch (d.kind) {
    case 'literal':
      return typeof d.value === 'boolean' ? (d.value ? '1' : '0') : typeof d.value === 'number' ? String(d.value) : quoteMysqlLiteral(d.value);
    case 'now':
      return 'CURRENT_TIMESTAMP';
    case 'random-uuid':
      return '(uuid())';
    case 'expression':
      return /^\w+\(.*\)$/s.test(d.sql) ? `(${d.sql})` : d.sql;
    case 'sequence':
      return undefined;
  }
}

/** Defaults evaluated per row (uuid(), an expression): ADD COLUMN with one is a table copy, so the safe form adds the column bare and backfills. */
export const perRowDefault = (column: Column): boolean =>
  column.default?.kind === 'random-uuid' || (column.default?.kind === 'expression' && !/^current_timestamp(\(\d*\))?$/i.test(column.default.sql));

/** A column as ADD COLUMN and MODIFY write it: type, NULL or NOT NULL, default, AUTO_INCREMENT, comment. */
export function mysqlColumnDefinition(column: Column, schema: Schema): string {
  const value = column.identity ? undefined : mysqlDefault(column);
  return [
    q(column.name),
    mysqlColumnType(column.type, schema),
    column.generated ? `GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}` : '',
    column.nullable ? 'NULL' : 'NOT NULL',
    value !== undefined ? `DEFAULT ${value}` : '',
    column.identity ? 'AUTO_INCREMENT' : '',
    column.comment ? `COMMENT ${quoteMysqlLiteral(column.comment)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
