import type { Policy } from '../../../model/schema.js';
import { type CatalogScope, num, scopedQuery } from './catalog-query.js';

const COMMANDS: Readonly<Record<string, Policy['command']>> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

/** Row-level security policies of the scope's tables, by table oid, in name order. */
export async function readPolicies(scope: CatalogScope): Promise<Map<number, Policy[]>> {
  const rows = await scopedQuery<Record<string, unknown>>(
    scope,
    `SELECT p.polrelid::int8::float8 AS table_oid, p.polname AS name, p.polcmd::text AS command, p.polpermissive AS permissive,
       (SELECT json_agg(CASE WHEN r.role = 0 THEN 'public' ELSE (SELECT rolname FROM pg_roles WHERE oid = r.role) END ORDER BY r.ord)
          FROM unnest(p.polroles) WITH ORDINALITY r(role, ord)) AS roles,
       pg_get_expr(p.polqual, p.polrelid, true) AS using, pg_get_expr(p.polwithcheck, p.polrelid, true) AS with_check
     FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1::text[])
     ORDER BY p.polrelid, p.polname`,
  );
  const byTable = new Map<number, Policy[]>();
  for (const r of rows) {
    const policy: Policy = {
      name: String(r.name),
      command: COMMANDS[String(r.command)] ?? 'all',
      permissive: r.permissive !== false,
      roles: ((r.roles as (string | null)[] | null) ?? []).map((role) => role ?? 'unknown'),
      ...(r.using !== null ? { using: String(r.using) } : {}),
      ...(r.with_check !== null ? { withCheck: String(r.with_check) } : {}),
    };
    const list = byTable.get(num(r.table_oid)) ?? [];
    list.push(policy);
    byTable.set(num(r.table_oid), list);
  }
  return byTable;
}
