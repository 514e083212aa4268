import { nodeTag } from '../../sql/ast-walk.js';
import { parsePg } from '../../sql/pg-parser.js';

/**
 * One spelling of PostgreSQL SQL, for comparing a statement or expression as written with the
 * catalog's reprint of it (pg_get_expr, pg_get_viewdef, pg_get_functiondef). The text is parsed by
 * PostgreSQL's own parser and the tree is stripped of what the reprint adds without changing the
 * meaning: positions, casts of literals to the type they already get from context, casts of
 * columns to text (the catalog shows the implicit cast varchar -> text), `= ANY (ARRAY[…])` for
 * `IN (…)`, `pg_catalog.` and `public.` qualifiers, `OR REPLACE`, and the order of a function's
 * options. No library does this: pg's deparser prints one tree, it does not say when two agree.
 */
export function pgSqlKey(sql: string): string {
  const parsed = parsePg(sql);
  if (!parsed.ok) return collapseSpace(sql);
  return JSON.stringify((parsed.result.stmts ?? []).map((s) => canonical(s.stmt)));
}

/** An expression's key: parsed as the one item of a SELECT list. */
export function pgExpressionKey(sql: string): string {
  const parsed = parsePg(`SELECT ${sql}`);
  if (!parsed.ok || parsed.result.stmts?.length !== 1) return collapseSpace(sql);
  const select = (parsed.result.stmts[0]!.stmt as { SelectStmt?: { targetList?: unknown[] } }).SelectStmt;
  return JSON.stringify(canonical(select?.targetList ?? []));
}

export const collapseSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

const POSITION_KEY = /(^location$|_location$|_start$|_end$|^stmt_len$)/;
const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value as Json;
  const tag = nodeTag(value);
  if (tag !== undefined) return canonicalNode(tag, (value as Record<string, unknown>)[tag] as Record<string, unknown>);
  // A RangeVar sits unwrapped under `relation`, `rel` and the like.
  if ('relname' in value) return canonicalNode('RangeVar', value as Record<string, unknown>).RangeVar as Json;
  return canonicalFields(value as Record<string, unknown>);
}

function canonicalFields(body: Record<string, unknown>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(body).sort()) if (!POSITION_KEY.test(key)) out[key] = canonical(body[key]);
  return out;
}

const names = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((n) => (n as { String?: { sval?: string } }).String?.sval ?? '').filter((s) => s !== '') : [];
const stringList = (values: readonly string[]): Json[] => values.map((sval) => ({ String: { sval } }));
const unqualified = (list: unknown, schema: string): Json[] => {
  const parts = names(list);
  return stringList(parts.length > 1 && parts[0] === schema ? parts.slice(1) : parts);
};

function canonicalNode(tag: string, body: Record<string, unknown>): { [key: string]: Json } {
  switch (tag) {
    case 'TypeCast': {
      const arg = canonical(body.arg);
      const type = names((body.typeName as { names?: unknown } | undefined)?.names).filter((n) => n !== 'pg_catalog');
      if (isNode(arg, 'A_Const')) return arg;
      if (isNode(arg, 'ColumnRef') && type.length === 1 && TEXT_TYPES.has(type[0]!)) return arg;
      return { TypeCast: canonicalFields(body) };
    }
    case 'A_Expr': {
      const rexpr = body.rexpr as { A_ArrayExpr?: { elements?: unknown[] } } | undefined;
      const op = names(body.name)[0];
      if (rexpr?.A_ArrayExpr && ((body.kind === 'AEXPR_OP_ANY' && op === '=') || (body.kind === 'AEXPR_OP_ALL' && op === '<>')))
        return canonicalNode('A_Expr', { ...body, kind: 'AEXPR_IN', rexpr: { List: { items: rexpr.A_ArrayExpr.elements ?? [] } } });
      return { A_Expr: canonicalFields(body) };
    }
    case 'TypeName':
      return { TypeName: { ...canonicalFields(body), names: unqualified(body.names, 'pg_catalog') } };
    case 'FuncCall':
      return { FuncCall: { ...canonicalFields(body), funcname: unqualified(body.funcname, 'pg_catalog') } };
    case 'RangeVar': {
      const { schemaname, ...rest } = body;
      return { RangeVar: canonicalFields(schemaname === 'public' ? rest : body) };
    }
    case 'CreateFunctionStmt': {
      const { replace: _replace, ...rest } = body;
      const options = (Array.isArray(body.options) ? body.options.map(canonical) : []).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      return { CreateFunctionStmt: { ...canonicalFields(rest), funcname: unqualified(body.funcname, 'public'), options } };
    }
    case 'SelectStmt': {
      // PostgreSQL 15 prints a one-table view's columns qualified ("order".total); 16 and later do not.
      const from =
        Array.isArray(body.fromClause) && body.fromClause.length === 1 ? (body.fromClause[0] as { RangeVar?: Record<string, unknown> }).RangeVar : undefined;
      const qualifier = from ? ((from.alias as { aliasname?: string } | undefined)?.aliasname ?? (from.relname as string)) : undefined;
      return { SelectStmt: canonicalFields(qualifier === undefined ? body : (unqualifyColumns(body, qualifier) as Record<string, unknown>)) };
    }
    case 'CreateTrigStmt':
      return { CreateTrigStmt: { ...canonicalFields(body), funcname: unqualified(body.funcname, 'public') } };
    default:
      return { [tag]: canonicalFields(body) };
  }
}

/** `qualifier.column` as `column`, down to (not into) the next SELECT. */
function unqualifyColumns(value: unknown, qualifier: string): unknown {
  if (Array.isArray(value)) return value.map((v) => unqualifyColumns(v, qualifier));
  if (typeof value !== 'object' || value === null) return value;
  const tag = nodeTag(value);
  if (tag === 'SelectStmt') return value;
  if (tag === 'ColumnRef') {
    const fields = (value as { ColumnRef: { fields?: unknown[] } }).ColumnRef.fields ?? [];
    const first = (fields[0] as { String?: { sval?: string } } | undefined)?.String?.sval;
    if (fields.length === 2 && first === qualifier) return { ColumnRef: { ...(value as { ColumnRef: object }).ColumnRef, fields: fields.slice(1) } };
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = unqualifyColumns(field, qualifier);
  return out;
}

const isNode = (value: Json, tag: string): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && tag in value;
