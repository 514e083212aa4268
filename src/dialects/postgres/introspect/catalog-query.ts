import type { SqlSession } from '../../session.js';
import { APPLY_SCHEMA } from '../apply.js';

/**
 * The schemas read, passed to every catalog query as `$1` (a text array): each query is one
 * set-based reading of all tables at once, never one query per table.
 */
export interface CatalogScope {
  readonly db: SqlSession;
  readonly namespaces: readonly string[];
}

export const scopedQuery = <T>(scope: CatalogScope, sql: string): Promise<T[]> => scope.db.query<T>(sql, [scope.namespaces]);

/** Schemas that are the system's, never the user's. */
export const SYSTEM_NAMESPACES = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/**
 * The database's user schemas, in name order. The schema `apply` keeps its progress in is the
 * tool's, not the user's: a diff after an apply would plan to drop it (named with --schema, it is read).
 */
export async function userNamespaces(db: SqlSession): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE ${SYSTEM_NAMESPACES} AND n.nspname <> '${APPLY_SCHEMA}' ORDER BY n.nspname`,
  );
  return rows.map((r) => r.name);
}

/** Objects an extension created belong to the extension (its CREATE EXTENSION says them): not listed one by one. */
export const NOT_FROM_EXTENSION = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${classTable}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;

/** Catalog numbers arrive as strings (pg's int8) or bigints (PGlite): every query casts to float8, and this reads it. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
