import type { Index, Table } from '../../../model/schema.js';

/** A table's indexes as the database has them: the primary key's and each unique's, then the others. */
export function indexesOf(table: Table): Index[] {
  const constraint = (name: string, columns: readonly string[]): Index => ({
    name,
    table: table.name,
    keys: columns.map((column) => ({ column })),
    include: [],
    where: [],
    method: 'btree',
    unique: true,
    reason: 'constraint',
  });
  const keys = table.primaryKey.columns.length ? [constraint(table.primaryKey.name, table.primaryKey.columns)] : [];
  return [...keys, ...table.uniques.map((u) => constraint(u.name, u.columns)), ...table.indexes];
}
