import { type CatalogScope, num, numOrNull, scopedQuery } from './catalog-query.js';

export interface CatalogIndex {
  readonly tableOid: number;
  readonly name: string;
  /** pg_am.amname: `btree`, `gin`, … (an extension's method, such as `bloom`, is kept native). */
  readonly method: string;
  readonly unique: boolean;
  readonly valid: boolean;
  /** Key columns (attribute number, 0 for an expression) with each key's text as pg_get_indexdef prints it. */
  readonly keys: readonly { readonly attnum: number; readonly text: string; readonly desc: boolean; readonly opclass: string | null }[];
  /** INCLUDE columns' names. */
  readonly include: readonly string[];
  readonly predicate: string | null;
  readonly definition: string;
  readonly scans: number | null;
  readonly bytes: number;
}

/**
 * Every index of the scope's tables that does not back a primary key, unique or exclusion
 * constraint (those are the constraint, listed once), in one query.
 */
export async function readIndexes(scope: CatalogScope): Promise<CatalogIndex[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT i.indrelid::int8::float8 AS table_oid, ic.relname AS name, am.amname AS method, i.indisunique AS is_unique, i.indisvalid AS valid,
       (SELECT json_agg(json_build_object(
            'attnum', i.indkey[k - 1], 'text', pg_get_indexdef(i.indexrelid, k, true), 'desc', (i.indoption[k - 1] & 1) = 1,
            'opclass', CASE WHEN NOT oc.opcdefault THEN oc.opcname END) ORDER BY k)
          FROM generate_series(1, i.indnkeyatts) k LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k - 1]) AS keys,
       (SELECT json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k) FROM generate_series(i.indnkeyatts + 1, i.indnatts) k) AS include,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate, pg_get_indexdef(i.indexrelid) AS definition,
       s.idx_scan::float8 AS scans, pg_relation_size(i.indexrelid)::float8 AS bytes
     FROM pg_index i
     JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
     JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_stat_all_indexes s ON s.indexrelid = i.indexrelid
     WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
     ORDER BY i.indrelid, ic.relname`,
  );
  return rows.map((r) => ({
    tableOid: num(r.table_oid),
    name: String(r.name),
    method: String(r.method),
    unique: r.is_unique === true,
    valid: r.valid !== false,
    keys: ((r.keys as { attnum: number; text: string; desc: boolean; opclass: string | null }[] | null) ?? []).map((k) => ({
      attnum: Number(k.attnum),
      text: String(k.text),
      desc: k.desc === true,
      opclass: k.opclass ?? null,
    })),
    include: ((r.include as string[] | null) ?? []).map(String),
    predicate: r.predicate === null ? null : String(r.predicate),
    definition: String(r.definition),
    scans: numOrNull(r.scans),
    bytes: num(r.bytes),
  }));
}
