/**
 * Printing of the expression nodes that contain others (calls, operators, subqueries,
 * CASE, subscripts). Each takes the printer for its children, so this file does not
 * depend on the dispatcher in print-expr.ts.
 */
import type { A_Expr, A_Indirection, FuncCall, Node, SubLink } from 'libpg-query';
import { operatorName, stringValues } from './nodes.js';
import { LIKE_OPERATORS } from './operators.js';
import { quoteIdent } from './quote.js';

type Print = (n: Node | undefined) => string;

export function printFuncCall(call: FuncCall, p: Print): string {
  const names = stringValues(call.funcname);
  const path = names[0] === 'pg_catalog' && names.length > 1 ? names.slice(1) : names;
  const args = call.agg_star ? '*' : (call.args ?? []).map(p).join(', ');
  const order = call.agg_order?.length ? ` ORDER BY ${call.agg_order.map((s) => printSortBy(s, p)).join(', ')}` : '';
  const filter = call.agg_filter ? ` FILTER (WHERE ${p(call.agg_filter)})` : '';
  const over = call.over ? ' OVER (...)' : '';
  return `${path.map(quoteIdent).join('.')}(${call.agg_distinct ? 'DISTINCT ' : ''}${args}${order})${filter}${over}`;
}

function printSortBy(node: Node, p: Print): string {
  if (!('SortBy' in node)) return p(node);
  const dir = node.SortBy.sortby_dir === 'SORTBY_DESC' ? ' DESC' : '';
  return `${p(node.SortBy.node)}${dir}`;
}

/** `operand` prints a child in parentheses when it is itself an operator expression. */
export function printAExpr(e: A_Expr, p: Print, operand: Print): string {
  const op = operatorName(e.name);
  const l = operand(e.lexpr);
  const r = operand(e.rexpr);
  switch (e.kind) {
    case 'AEXPR_OP':
      return e.lexpr ? `${l} ${op} ${r}` : `${op}${r}`;
    case 'AEXPR_OP_ANY':
      return `${l} ${op} ANY (${p(e.rexpr)})`;
    case 'AEXPR_OP_ALL':
      return `${l} ${op} ALL (${p(e.rexpr)})`;
    case 'AEXPR_DISTINCT':
      return `${l} IS DISTINCT FROM ${r}`;
    case 'AEXPR_NOT_DISTINCT':
      return `${l} IS NOT DISTINCT FROM ${r}`;
    case 'AEXPR_NULLIF':
      return `NULLIF(${p(e.lexpr)}, ${p(e.rexpr)})`;
    case 'AEXPR_IN':
      return `${l} ${op === '<>' ? 'NOT IN' : 'IN'} (${p(e.rexpr)})`;
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      return `${l} ${LIKE_OPERATORS[op] ?? op} ${r}`;
    case 'AEXPR_SIMILAR':
      return `${l} ${op.startsWith('!') ? 'NOT SIMILAR TO' : 'SIMILAR TO'} ${r}`;
    default: {
      const kind = e.kind ?? 'AEXPR_BETWEEN';
      const items = e.rexpr && 'List' in e.rexpr ? (e.rexpr.List.items ?? []) : [];
      const word = `${kind.includes('NOT') ? 'NOT ' : ''}BETWEEN${kind.endsWith('SYM') ? ' SYMMETRIC' : ''}`;
      return `${l} ${word} ${operand(items[0])} AND ${operand(items[1])}`;
    }
  }
}

export function printSubLink(link: SubLink, operand: Print): string {
  switch (link.subLinkType) {
    case 'EXISTS_SUBLINK':
      return 'EXISTS (subquery)';
    case 'ANY_SUBLINK':
      return link.operName ? `${operand(link.testexpr)} ${operatorName(link.operName)} ANY (subquery)` : `${operand(link.testexpr)} IN (subquery)`;
    case 'ALL_SUBLINK':
      return `${operand(link.testexpr)} ${operatorName(link.operName)} ALL (subquery)`;
    case 'ARRAY_SUBLINK':
      return 'ARRAY(subquery)';
    default:
      return '(subquery)';
  }
}

export function printCase(c: { arg?: Node; args?: Node[]; defresult?: Node }, p: Print): string {
  const whens = (c.args ?? []).map((w) => ('CaseWhen' in w ? ` WHEN ${p(w.CaseWhen.expr)} THEN ${p(w.CaseWhen.result)}` : '')).join('');
  return `CASE${c.arg ? ` ${p(c.arg)}` : ''}${whens}${c.defresult ? ` ELSE ${p(c.defresult)}` : ''} END`;
}

export function printIndirection(ind: A_Indirection, p: Print): string {
  const steps = ind.indirection ?? [];
  const base = p(ind.arg);
  // A field selection needs the parentheses: (d).f, not d.f (which would mean table d).
  const needsParens = !(ind.arg && 'ColumnRef' in ind.arg) || (steps[0] !== undefined && !('A_Indices' in steps[0]));
  return `${needsParens ? `(${base})` : base}${steps.map((step) => printStep(step, p)).join('')}`;
}

function printStep(node: Node, p: Print): string {
  if ('A_Indices' in node) {
    const { is_slice, lidx, uidx } = node.A_Indices;
    return is_slice ? `[${p(lidx)}:${p(uidx)}]` : `[${p(uidx)}]`;
  }
  if ('String' in node) return `.${quoteIdent(node.String.sval ?? '')}`;
  return '.*';
}
