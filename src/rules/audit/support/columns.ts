import type { Column, Schema, Table } from '../../../model/schema.js';

/** Every column of the schema with its table, in catalog order. */
export const columnsOf = (schema: Schema): { table: Table; column: Column }[] =>
  schema.tables.flatMap((table) => table.columns.map((column) => ({ table, column })));

/** Columns a check constraint reads. */
export function checkedColumns(table: Table): Set<string> {
  return new Set(table.checks.flatMap((c) => (c.rule.kind === 'expression' ? c.rule.columns : [c.rule.column])));
}
