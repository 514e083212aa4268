import type { Column, IndexCondition, Table } from '../../model/schema.js';
import { quoteSqlServerIdentifier as q, quoteSqlServerLiteral } from './quote.js';

/** A value in the column's type: bit for booleans, N'…' for text. */
export function sqlServerLiteral(column: Pick<Column, 'type'> | undefined, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  if (column?.type.kind === 'bool') return value === 'true' ? '1' : '0';
  return quoteSqlServerLiteral(value);
}

/** A filtered index's condition: SQL Server takes comparisons, IN, IS [NOT] NULL, ANDed; NOT IN becomes <> each. */
export function sqlServerCondition(table: Pick<Table, 'columns'>, c: IndexCondition): string {
  const column = q(c.column);
  const type = table.columns.find((x) => x.name === c.column);
  const value = (v: string | number | boolean) => sqlServerLiteral(type, v);
  switch (c.op) {
    case 'eq':
      return `${column} = ${value(c.values[0]!)}`;
    case 'neq':
      return `${column} <> ${value(c.values[0]!)}`;
    case 'in':
      return `${column} IN (${c.values.map(value).join(', ')})`;
    case 'not-in':
      return c.values.map((v) => `${column} <> ${value(v)}`).join(' AND ');
    case 'is-null':
      return `${column} IS NULL`;
    case 'is-not-null':
      return `${column} IS NOT NULL`;
  }
}
