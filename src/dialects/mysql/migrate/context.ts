import { tableKey } from '../../../model/change.js';
import type { Column, Schema, Table } from '../../../model/schema.js';
import type { MigrationContext } from '../../migration.js';
import { tableContext, type TableContext } from '../ddl-context.js';
import { autoIncrementColumn, columnDefinition } from '../ddl-columns.js';

export const tableIn = (schema: Schema, key: string): Table | undefined => schema.tables.find((t) => tableKey(t) === key);

/** The table as it is before the plan, and after. */
export const before = (context: MigrationContext, key: string) => tableIn(context.from, context.tableRenames.get(key) ?? key);
export const after = (context: MigrationContext, key: string) => tableIn(context.to, key);

/** The emitter's context for a table; what the emitter would substitute is said by the schema script, not by each step. */
export function contextOf(schema: Schema, table: Table): TableContext {
  return tableContext(schema, table, []);
}

/** A column's whole definition as that table declares it (MODIFY and ADD COLUMN repeat all of it). */
export function definitionIn(schema: Schema, table: Table, column: Column): string {
  const ctx = contextOf(schema, {
    ...table,
    columns: table.columns.some((c) => c.name === column.name) ? table.columns.map((c) => (c.name === column.name ? column : c)) : [...table.columns, column],
  });
  return columnDefinition(column, ctx, autoIncrementColumn(ctx) === column.name);
}
