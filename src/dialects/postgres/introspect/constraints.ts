import { type CatalogScope, num, scopedQuery } from './catalog-query.js';

export interface CatalogConstraint {
  readonly tableOid: number;
  readonly name: string;
  /** `p` primary key, `u` unique, `f` foreign key, `c` check, `x` exclusion. */
  readonly type: string;
  /** Attribute numbers of the constrained columns (conkey), in key order. */
  readonly columns: readonly number[];
  /** Foreign keys: the referenced table (qualified unless public) and its attribute numbers (confkey) and column names. */
  readonly refNamespace: string | null;
  readonly refTable: string | null;
  readonly refColumns: readonly string[];
  /** confdeltype / confupdtype: `a` no action, `r` restrict, `c` cascade, `n` set null, `d` set default. */
  readonly onDelete: string;
  readonly onUpdate: string;
  /** confdelsetcols (PostgreSQL 15+): the columns ON DELETE SET NULL (…) clears. */
  readonly setNullColumns: readonly number[];
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly validated: boolean;
  /** pg_get_constraintdef: the constraint's own SQL (for a check, `CHECK (…)`; for exclusion, kept as native). */
  readonly definition: string;
  /** A check's condition alone (pg_get_expr of conbin). */
  readonly expression: string | null;
}

/** Keys, references, checks and exclusion constraints of every table of the scope, in one query. */
export async function readConstraints(scope: CatalogScope): Promise<CatalogConstraint[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT k.conrelid::int8::float8 AS table_oid, k.conname AS name, k.contype::text AS type,
       to_json(coalesce(k.conkey, '{}'::int2[])) AS columns,
       rn.nspname AS ref_namespace, r.relname AS ref_table,
       (SELECT json_agg(ra.attname ORDER BY x.ord) FROM unnest(k.confkey) WITH ORDINALITY x(attnum, ord)
          JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = x.attnum) AS ref_columns,
       k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update,
       to_json(coalesce(k.confdelsetcols, '{}'::int2[])) AS set_null_columns,
       k.condeferrable AS deferrable, k.condeferred AS deferred, k.convalidated AS validated,
       pg_get_constraintdef(k.oid, true) AS definition,
       CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid, true) END AS expression
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
     WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND k.contype IN ('p', 'u', 'f', 'c', 'x')
       AND k.conparentid = 0
     ORDER BY k.conrelid, k.contype, k.conname`,
  );
  return rows.map((r) => ({
    tableOid: num(r.table_oid),
    name: String(r.name),
    type: String(r.type),
    columns: (r.columns as number[]).map(Number),
    refNamespace: r.ref_namespace === null ? null : String(r.ref_namespace),
    refTable: r.ref_table === null ? null : String(r.ref_table),
    refColumns: ((r.ref_columns as string[] | null) ?? []).map(String),
    onDelete: String(r.on_delete ?? 'a'),
    onUpdate: String(r.on_update ?? 'a'),
    setNullColumns: (r.set_null_columns as number[]).map(Number),
    deferrable: r.deferrable === true,
    initiallyDeferred: r.deferred === true,
    validated: r.validated !== false,
    definition: String(r.definition),
    expression: r.expression === null ? null : String(r.expression),
  }));
}
