import type { Schema, Table } from '../../model/schema.js';

/** The spec's names: snake_case, at most 59 bytes (normalize-spec keeps 4 bytes for derived suffixes). */
const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const MAX_BYTES = 59;

export interface RenamedSchema {
  readonly schema: Schema;
  /** `Orders -> orders`, one entry per renamed table or column. */
  readonly renames: readonly string[];
}

/**
 * The schema with every table and column name the spec cannot write made snake_case (and unique),
 * so the rest of the writer deals only in names the spec accepts. Each rename is listed.
 */
export function withSpecNames(schema: Schema): RenamedSchema {
  const renames: string[] = [];
  const tableNames = new Map<string, string>();
  const used = new Set<string>();
  for (const table of schema.tables) {
    const name = unique(snake(table.name), used);
    tableNames.set(table.name, name);
    if (name !== table.name) renames.push(`table ${table.name} -> ${name}`);
  }
  const columnNames = new Map<string, Map<string, string>>();
  for (const table of schema.tables) {
    const usedColumns = new Set<string>();
    const names = new Map<string, string>();
    for (const column of table.columns) {
      const name = unique(snake(column.name), usedColumns);
      names.set(column.name, name);
      if (name !== column.name) renames.push(`column ${table.name}.${column.name} -> ${name}`);
    }
    columnNames.set(table.name, names);
  }
  if (renames.length === 0) return { schema, renames };
  const col = (table: string, name: string) => columnNames.get(table)?.get(name) ?? name;
  const tables = schema.tables.map((t): Table => {
    const c = (name: string) => col(t.name, name);
    return {
      ...t,
      name: tableNames.get(t.name)!,
      columns: t.columns.map((x) => ({ ...x, name: c(x.name) })),
      primaryKey: { ...t.primaryKey, columns: t.primaryKey.columns.map(c) },
      uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(c) })),
      foreignKeys: t.foreignKeys.map((f) => ({
        ...f,
        columns: f.columns.map(c),
        refTable: tableNames.get(f.refTable) ?? f.refTable,
        refColumns: f.refColumns.map((r) => col(f.refTable, r)),
        ...(f.setNullColumns ? { setNullColumns: f.setNullColumns.map(c) } : {}),
      })),
      checks: t.checks.map((k) =>
        k.rule.kind === 'expression' ? { ...k, rule: { ...k.rule, columns: k.rule.columns.map(c) } } : { ...k, rule: { ...k.rule, column: c(k.rule.column) } },
      ),
      indexes: t.indexes.map((i) => ({ ...i, keys: i.keys.map((k) => (k.column ? { ...k, column: c(k.column) } : k)), include: i.include.map(c) })),
    };
  });
  return { schema: { ...schema, tables }, renames };
}

export function isSpecName(name: string): boolean {
  return IDENTIFIER.test(name) && Buffer.byteLength(name) <= MAX_BYTES;
}

function snake(name: string): string {
  if (isSpecName(name)) return name;
  let out = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(out)) out = `t_${out}`;
  return out.slice(0, MAX_BYTES);
}

function unique(name: string, used: Set<string>): string {
  let candidate = name;
  for (let i = 2; used.has(candidate); i++) candidate = `${name.slice(0, MAX_BYTES - String(i).length - 1)}_${i}`;
  used.add(candidate);
  return candidate;
}
