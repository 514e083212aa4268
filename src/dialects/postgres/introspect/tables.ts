import { type CatalogScope, NOT_FROM_EXTENSION, num, scopedQuery } from './catalog-query.js';
import type { CatalogType } from './types.js';

export interface CatalogTable {
  readonly oid: number;
  readonly namespace: string;
  readonly name: string;
  /** `r` table, `p` partitioned table. */
  readonly relkind: string;
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
}

export interface CatalogColumn extends CatalogType {
  readonly tableOid: number;
  readonly attnum: number;
  readonly name: string;
  readonly notNull: boolean;
  /** pg_get_expr of the default (or of the generation expression): null when none. */
  readonly defaultSql: string | null;
  /** attidentity: `a` always, `d` by default, `` none. */
  readonly identity: string;
  /** attgenerated: `s` stored, `v` virtual (PostgreSQL 18), `` none. */
  readonly generated: string;
  /** The domain the column was declared with (qualified unless public), when it was. */
  readonly domain: string | null;
}

/** Tables and partitioned tables of the scope; partitions are read apart (partitions.ts), not as tables. */
export async function readTables(scope: CatalogScope): Promise<CatalogTable[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT c.oid::int8::float8 AS oid, n.nspname AS namespace, c.relname AS name, c.relkind::text AS relkind,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${NOT_FROM_EXTENSION('pg_class', 'c.oid')}
     ORDER BY n.nspname, c.relname`,
  );
  return rows.map((r) => ({
    oid: num(r.oid),
    namespace: String(r.namespace),
    name: String(r.name),
    relkind: String(r.relkind),
    rowSecurity: r.rls === true,
    forceRowSecurity: r.force_rls === true,
  }));
}

/**
 * Every column of those tables in one query: the type is the domain's base type when the column
 * has a domain (the domain itself is a native object, native.ts).
 */
export async function readColumns(scope: CatalogScope): Promise<CatalogColumn[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT a.attrelid::int8::float8 AS table_oid, a.attnum::float8 AS attnum, a.attname AS name, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_sql, a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN t.typtype = 'd' THEN CASE WHEN tn.nspname = 'public' THEN t.typname ELSE tn.nspname || '.' || t.typname END END AS domain,
       b.typname AS type_name, bn.nspname AS type_namespace, b.typtype::text AS type_kind,
       (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::float8 AS typmod,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE format_type(a.atttypid, a.atttypmod) END AS sql
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
     JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END JOIN pg_namespace bn ON bn.oid = b.typnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attrelid, a.attnum`,
  );
  return rows.map((r) => ({
    tableOid: num(r.table_oid),
    attnum: num(r.attnum),
    name: String(r.name),
    notNull: r.not_null === true,
    defaultSql: r.default_sql === null ? null : String(r.default_sql),
    identity: String(r.identity ?? ''),
    generated: String(r.generated ?? ''),
    domain: r.domain === null ? null : String(r.domain),
    typeName: String(r.type_name),
    typeNamespace: String(r.type_namespace),
    typeKind: String(r.type_kind),
    typmod: num(r.typmod),
    sql: String(r.sql),
  }));
}
