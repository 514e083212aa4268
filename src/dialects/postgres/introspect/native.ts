import type { EnumType, NativeObject } from '../../../model/schema.js';
import { type CatalogScope, NOT_FROM_EXTENSION, scopedQuery } from './catalog-query.js';
import { qualifiedName } from './types.js';
import { quotePgIdentifier as quoteIdent } from '../quote.js';

const native = (kind: string, name: string, sql: string, reason: string, table?: string): NativeObject => ({
  kind,
  name,
  ...(table !== undefined ? { table } : {}),
  dialect: 'postgres',
  sql,
  reason,
});

/** Functions and procedures of the scope (not an extension's), with their full CREATE statement. */
export async function readFunctions(scope: CatalogScope): Promise<NativeObject[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT n.nspname AS namespace, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name, l.lanname AS language,
       pg_get_functiondef(p.oid) AS sql
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
     WHERE n.nspname = ANY($1::text[]) AND p.prokind IN ('f', 'p') AND ${NOT_FROM_EXTENSION('pg_proc', 'p.oid')}
     ORDER BY n.nspname, p.proname, 2`,
  );
  return rows.map((r) =>
    native('function', qualifiedName(String(r.namespace), String(r.name)), String(r.sql), `a function in ${String(r.language)}: the model holds no code`),
  );
}

/** Triggers of the scope's tables (not the ones constraints create). */
export async function readTriggers(scope: CatalogScope): Promise<NativeObject[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT n.nspname AS namespace, c.relname AS "table", t.tgname AS name, pg_get_triggerdef(t.oid, true) AS sql
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1::text[]) AND NOT t.tgisinternal AND t.tgparentid = 0
     ORDER BY n.nspname, c.relname, t.tgname`,
  );
  return rows.map((r) =>
    native('trigger', String(r.name), `${String(r.sql)};`, 'a trigger runs code the model does not hold', qualifiedName(String(r.namespace), String(r.table))),
  );
}

/**
 * Domains of the scope as CREATE DOMAIN statements (base type, default, NOT NULL, checks): a
 * column declared with one has the base type and `domain` set, and the domain's rules live here.
 */
export async function readDomains(scope: CatalogScope): Promise<NativeObject[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT n.nspname AS namespace, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base, t.typdefault AS default_sql,
       t.typnotnull AS not_null,
       (SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid, true), '' ORDER BY k.conname)
          FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = ANY($1::text[]) AND t.typtype = 'd' AND ${NOT_FROM_EXTENSION('pg_type', 't.oid')}
     ORDER BY n.nspname, t.typname`,
  );
  return rows.map((r) => {
    const name = qualifiedName(String(r.namespace), String(r.name));
    const sql = `CREATE DOMAIN ${quoteQualified(String(r.namespace), String(r.name))} AS ${String(r.base)}${r.default_sql !== null ? ` DEFAULT ${String(r.default_sql)}` : ''}${
      r.not_null === true ? ' NOT NULL' : ''
    }${r.checks !== null ? String(r.checks) : ''};`;
    return native('domain', name, sql, "a domain's rules (its checks) apply to every column declared with it; the columns hold its base type");
  });
}

/** Extensions installed in the scope's schemas. */
export async function readExtensions(scope: CatalogScope): Promise<NativeObject[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT e.extname AS name, n.nspname AS namespace, e.extversion AS version
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE n.nspname = ANY($1::text[]) AND e.extname <> 'plpgsql'
     ORDER BY e.extname`,
  );
  return rows.map((r) =>
    native(
      'extension',
      String(r.name),
      `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(String(r.name))} WITH SCHEMA ${quoteIdent(String(r.namespace))}; -- version ${String(r.version)}`,
      'an extension adds types and functions of its own',
    ),
  );
}

/** Enum types of the scope with their labels in sort order. */
export async function readEnums(scope: CatalogScope): Promise<EnumType[]> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT n.nspname AS namespace, t.typname AS name, json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = ANY($1::text[]) AND ${NOT_FROM_EXTENSION('pg_type', 't.oid')}
     GROUP BY n.nspname, t.typname
     ORDER BY n.nspname, t.typname`,
  );
  return rows.map((r) => ({ name: qualifiedName(String(r.namespace), String(r.name)), values: (r.labels as string[]).map(String) }));
}

export const quoteQualified = (namespace: string, name: string): string => `${quoteIdent(namespace)}.${quoteIdent(name)}`;
