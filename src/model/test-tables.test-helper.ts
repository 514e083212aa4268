import type { Column, Schema, Table } from './schema.js';

/** Small hand-made tables for unit tests (capacity, ERD), so each expected number can be worked out by hand. */
export function column(name: string, type: Column['type'], extra: Partial<Column> = {}): Column {
  return { name, type, nullable: false, pii: false, origin: 'test', ...extra };
}

export function table(name: string, columns: readonly Column[], extra: Partial<Table> = {}): Table {
  return {
    name,
    kind: 'entity',
    columns: [...columns],
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    uniques: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    tenantScoped: false,
    origin: 'test',
    ...extra,
  };
}

export const schemaOf = (...tables: Table[]): Schema => ({ tables, enums: [] });
