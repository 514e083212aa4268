import type { Schema, Table } from '../../model/schema.js';

/**
 * The tables with every referenced table before the tables that reference it (the schema's order
 * otherwise; a cycle keeps the schema's order for the tables in it), so code that names a table
 * by its variable finds it declared (Drizzle's foreign keys, the reading order of a file).
 */
export function referencedFirst(schema: Schema): Table[] {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const out: Table[] = [];
  const visit = (table: Table) => {
    if (placed.has(table.name) || visiting.has(table.name)) return;
    visiting.add(table.name);
    for (const fk of table.foreignKeys) {
      const target = byName.get(fk.refTable);
      if (target && target !== table) visit(target);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    out.push(table);
  };
  for (const table of schema.tables) visit(table);
  return out;
}

/** Whether `from` is declared before `to` in `order` (a reference that needs no forward declaration). */
export const declaredBefore = (order: readonly Table[], to: string, from: string) =>
  order.findIndex((t) => t.name === to) < order.findIndex((t) => t.name === from);
