import { type CatalogScope, num, scopedQuery } from './catalog-query.js';

export interface CatalogPartition {
  /** The partitioned table the partition belongs to (its direct parent). */
  readonly parentOid: number;
  readonly namespace: string;
  readonly name: string;
  readonly parentNamespace: string;
  readonly parent: string;
  /** pg_get_expr of relpartbound: `FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')`, `DEFAULT`. */
  readonly bound: string;
}

export interface CatalogPartitionKey {
  readonly tableOid: number;
  /** pg_get_partkeydef: `RANGE (created_at)`. */
  readonly key: string;
}

/** The partition key of every partitioned table of the scope. */
export async function readPartitionKeys(scope: CatalogScope): Promise<CatalogPartitionKey[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT c.oid::int8::float8 AS table_oid, pg_get_partkeydef(c.oid) AS key
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1::text[]) AND c.relkind = 'p'
     ORDER BY n.nspname, c.relname`,
  );
  return rows.map((r) => ({ tableOid: num(r.table_oid), key: String(r.key) }));
}

/** Every partition (at any depth) of the scope's partitioned tables, with its bounds. */
export async function readPartitions(scope: CatalogScope): Promise<CatalogPartition[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT inh.inhparent::int8::float8 AS parent_oid, n.nspname AS namespace, c.relname AS name,
       pn.nspname AS parent_namespace, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_inherits inh ON inh.inhrelid = c.oid JOIN pg_class p ON p.oid = inh.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
     WHERE pn.nspname = ANY($1::text[]) AND c.relispartition AND c.relkind IN ('r', 'p')
     ORDER BY pn.nspname, p.relname, n.nspname, c.relname`,
  );
  return rows.map((r) => ({
    parentOid: num(r.parent_oid),
    namespace: String(r.namespace),
    name: String(r.name),
    parentNamespace: String(r.parent_namespace),
    parent: String(r.parent),
    bound: String(r.bound),
  }));
}
