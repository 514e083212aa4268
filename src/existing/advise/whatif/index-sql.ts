import type { Dialect } from '../../../dialects/dialect.js';
import type { Index, Schema } from '../../../model/schema.js';

/** The dialect's CREATE INDEX for one index of the schema's model, without its semicolon. */
export function createIndexSql(dialect: Dialect, schema: Schema, index: Index): string {
  const table = schema.tables.find((t) => t.name === index.table);
  if (!table) throw new Error(`no table ${index.table} for index ${index.name}`);
  return dialect
    .emitIndexes({ ...schema, tables: [{ ...table, indexes: [index] }] })
    .trim()
    .replace(/;$/, '');
}

/**
 * The statement to build it on a live table: CONCURRENTLY, so writes go on during the build
 * (PostgreSQL's form; it cannot run inside a transaction block).
 */
export function createIndexConcurrentlySql(dialect: Dialect, schema: Schema, index: Index): string {
  return createIndexSql(dialect, schema, index).replace(
    /^CREATE (UNIQUE )?INDEX /,
    (_, unique: string | undefined) => `CREATE ${unique ?? ''}INDEX CONCURRENTLY `,
  );
}
