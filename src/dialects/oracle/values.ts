import type { LogicalType } from '../../model/logical-type.js';
import type { Column, IndexCondition, Table } from '../../model/schema.js';
import { quoteOracleIdentifier as q, quoteOracleLiteral } from './quote.js';

/** The current time in the column's type (SYSTIMESTAMP and LOCALTIMESTAMP are Oracle's too, but sqlfluff does not read them). */
export function oracleNow(type: LogicalType, utc = false): string {
  if (type.kind === 'date') return 'CURRENT_DATE';
  if (type.kind === 'time') return "TO_CHAR(CURRENT_TIMESTAMP, 'HH24:MI:SS.FF6')";
  if (type.kind === 'timestamp' && type.withTimeZone) return utc ? 'SYS_EXTRACT_UTC(CURRENT_TIMESTAMP)' : 'CURRENT_TIMESTAMP';
  return 'CAST(CURRENT_TIMESTAMP AS TIMESTAMP)';
}

/** A value in the column's type: 1 and 0 for booleans. */
export function oracleLiteral(column: Pick<Column, 'type'> | undefined, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (column?.type.kind === 'bool') return value === 'true' ? '1' : '0';
  return quoteOracleLiteral(value);
}

/** A condition of a view's WHERE in Oracle SQL. */
export function oracleCondition(table: Pick<Table, 'columns'>, c: IndexCondition): string {
  const column = q(c.column);
  const type = table.columns.find((x) => x.name === c.column);
  const value = (v: string | number | boolean) => oracleLiteral(type, v);
  switch (c.op) {
    case 'eq':
      return `${column} = ${value(c.values[0]!)}`;
    case 'neq':
      return `${column} <> ${value(c.values[0]!)}`;
    case 'in':
      return `${column} IN (${c.values.map(value).join(', ')})`;
    case 'not-in':
      return `${column} NOT IN (${c.values.map(value).join(', ')})`;
    case 'is-null':
      return `${column} IS NULL`;
    case 'is-not-null':
      return `${column} IS NOT NULL`;
  }
}
