import type { Column, Table } from '../../../model/schema.js';

/** A table as messages name it: `billing.invoice`, or `invoice` in the default namespace. */
export const tableLabel = (table: Pick<Table, 'name' | 'namespace'>): string => (table.namespace ? `${table.namespace}.${table.name}` : table.name);

/** A column as messages name it: `billing.invoice.total`. */
export const columnLabel = (table: Pick<Table, 'name' | 'namespace'>, column: string | Pick<Column, 'name'>): string =>
  `${tableLabel(table)}.${typeof column === 'string' ? column : column.name}`;

/**
 * An identifier in the fix SQL, always double-quoted (standard SQL): the rules name no dialect, so
 * they cannot ask which words it reserves, and `order` or `user` must still work.
 */
export const sqlIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** A table in the fix SQL, with its namespace when it has one. */
export const sqlTable = (table: Pick<Table, 'name' | 'namespace'>): string =>
  table.namespace ? `${sqlIdent(table.namespace)}.${sqlIdent(table.name)}` : sqlIdent(table.name);

/** A string literal in the fix SQL. */
export const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
