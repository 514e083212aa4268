import { type CatalogScope, num, scopedQuery } from './catalog-query.js';

/** Comments on tables (`tableOid:0`) and columns (`tableOid:attnum`) of the scope. */
export async function readComments(scope: CatalogScope): Promise<Map<string, string>> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT d.objoid::int8::float8 AS table_oid, d.objsubid::float8 AS attnum, d.description AS text
     FROM pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE d.classoid = 'pg_class'::regclass AND n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p')`,
  );
  return new Map(rows.map((r) => [`${num(r.table_oid)}:${num(r.attnum)}`, String(r.text)]));
}

export const commentKey = (tableOid: number, attnum = 0) => `${tableOid}:${attnum}`;
