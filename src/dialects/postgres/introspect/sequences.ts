import type { ColumnSequence } from '../../../model/schema.js';
import { type CatalogScope, num, numOrNull, scopedQuery } from './catalog-query.js';
import { qualifiedName } from './types.js';

export interface CatalogSequence extends ColumnSequence {
  readonly namespace: string;
  /** The column that owns it (serial or identity), when one does. */
  readonly tableOid: number | null;
  readonly attnum: number | null;
  /** Its CREATE SEQUENCE statement, the numbers as the catalog prints them (a bigint's maximum is beyond a float's exact range). */
  readonly sql: string;
}

/**
 * Every sequence of the scope with its state (pg_sequences: last_value is null when never used or
 * not readable by this role) and the column that owns it: `a` (OWNED BY, a serial) or `i` (an identity).
 */
export async function readSequences(scope: CatalogScope): Promise<CatalogSequence[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT s.schemaname AS namespace, s.sequencename AS name, s.last_value::float8 AS last_value, s.max_value::float8 AS max_value,
       format('CREATE SEQUENCE %I.%I AS %s START %s INCREMENT %s MINVALUE %s MAXVALUE %s%s;', s.schemaname, s.sequencename, s.data_type::regtype,
         s.start_value, s.increment_by, s.min_value, s.max_value, CASE WHEN s.cycle THEN ' CYCLE' ELSE '' END) AS sql,
       d.refobjid::int8::float8 AS table_oid, d.refobjsubid::float8 AS attnum
     FROM pg_sequences s
     JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
     LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     WHERE s.schemaname = ANY($1::text[])
     ORDER BY s.schemaname, s.sequencename`,
  );
  return rows.map((r) => ({
    namespace: String(r.namespace),
    name: qualifiedName(String(r.namespace), String(r.name)),
    lastValue: numOrNull(r.last_value),
    maxValue: num(r.max_value),
    tableOid: numOrNull(r.table_oid),
    attnum: numOrNull(r.attnum),
    sql: String(r.sql),
  }));
}
