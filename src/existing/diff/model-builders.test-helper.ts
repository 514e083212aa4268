import type { Column, Index, Schema, Table } from '../../model/schema.js';

/** Small model objects for the differ's tests: only what a test sets differs from a plain default. */
export const column = (name: string, overrides: Partial<Column> = {}): Column => ({
  name,
  type: { kind: 'int64' },
  nullable: false,
  pii: false,
  origin: `test.${name}`,
  ...overrides,
});

export const table = (name: string, overrides: Partial<Table> = {}): Table => ({
  name,
  kind: 'entity',
  columns: [column('id')],
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  uniques: [],
  foreignKeys: [],
  checks: [],
  indexes: [],
  tenantScoped: false,
  origin: `test.${name}`,
  ...overrides,
});

export const index = (name: string, tableName: string, columns: readonly string[], overrides: Partial<Index> = {}): Index => ({
  name,
  table: tableName,
  keys: columns.map((c) => ({ column: c })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'test',
  ...overrides,
});

export const schema = (tables: readonly Table[], overrides: Partial<Schema> = {}): Schema => ({ tables: [...tables], enums: [], ...overrides });
