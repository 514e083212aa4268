import { type CatalogScope, NOT_FROM_EXTENSION, scopedQuery } from './catalog-query.js';

export interface CatalogView {
  readonly namespace: string;
  readonly name: string;
  readonly materialized: boolean;
  /** pg_get_viewdef, pretty-printed: the SELECT alone. */
  readonly definition: string;
}

/** Views and materialized views of the scope. */
export async function readViews(scope: CatalogScope): Promise<CatalogView[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT n.nspname AS namespace, c.relname AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid, true) AS definition
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('v', 'm') AND ${NOT_FROM_EXTENSION('pg_class', 'c.oid')}
     ORDER BY n.nspname, c.relname`,
  );
  return rows.map((r) => ({ namespace: String(r.namespace), name: String(r.name), materialized: r.materialized === true, definition: String(r.definition) }));
}
