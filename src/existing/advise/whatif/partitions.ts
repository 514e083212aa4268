import type { SqlSession } from '../../../dialects/session.js';

/**
 * The indexes an index on a partitioned table consists of: itself and, recursively, the index of
 * each partition (PostgreSQL creates them with names of its own, and plans name those).
 */
export async function indexFamily(db: SqlSession, oid: number): Promise<{ oid: number; name: string }[]> {
  const rows = await db.query<{ oid: number; name: string }>(
    `WITH RECURSIVE family AS (SELECT $1::oid AS oid UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN family f ON i.inhparent = f.oid)
     SELECT f.oid::int8::float8 AS oid, c.relname AS name FROM family f JOIN pg_class c ON c.oid = f.oid`,
    [oid],
  );
  return rows.map((r) => ({ oid: Number(r.oid), name: String(r.name) }));
}

/** Index names as plans print them -> the index of the partitioned parent they belong to (themselves otherwise). */
export const rootName = (roots: ReadonlyMap<string, string>, name: string): string => roots.get(name) ?? name;

/** Each name once, in first-seen order. */
export const uniqueNames = (names: readonly string[]): string[] => [...new Set(names)];
