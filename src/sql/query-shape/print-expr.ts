/**
 * Expression printer.
 *
 * libpg-query 18 (WASM build) exports parse/fingerprint/normalize/scan but no
 * deparse (see node_modules/libpg-query/wasm/index.d.ts), and pulling in a
 * separate deparser package is out of scope here, so this prints the handful
 * of expression node kinds that occur in predicates, select lists and keys.
 * Output is deterministic, not byte-identical to the source: nested operator
 * expressions get parentheses, casts print as `x::type` (typed literals such
 * as `interval '30 days'` as written), and pg_catalog prefixes are dropped.
 * Unknown node kinds print as `<NodeTag>`.
 */
import type { A_Const, ColumnRef, Node, TypeCast, TypeName } from 'libpg-query';
import { nodeTag } from '../ast-walk.js';
import { stringValues } from './nodes.js';
import { printAExpr, printCase, printFuncCall, printIndirection, printSubLink } from './print-compound.js';
import { quoteIdent, quoteLiteral } from './quote.js';

export interface PrintOptions {
  /** Print column references without their qualifier (for expressions attributed to one table). */
  readonly bare?: boolean;
}

/** Prints a small expression as SQL text; see the note above. */
export function printExpr(node: Node | undefined, options: PrintOptions = {}): string {
  if (!node) return '';
  const p = (n: Node | undefined) => printExpr(n, options);
  const operand = (n: Node | undefined) => (n && ('A_Expr' in n || 'BoolExpr' in n) ? `(${p(n)})` : p(n));
  const list = (ns: Node[] | undefined) => (ns ?? []).map(p).join(', ');

  if ('ColumnRef' in node) return printColumnRef(node.ColumnRef, options);
  if ('ParamRef' in node) return `$${node.ParamRef.number ?? 0}`;
  if ('A_Const' in node) return printConst(node.A_Const);
  if ('TypeCast' in node) return printCast(node.TypeCast, operand);
  if ('FuncCall' in node) return printFuncCall(node.FuncCall, p);
  if ('A_Expr' in node) return printAExpr(node.A_Expr, p, operand);
  if ('BoolExpr' in node) {
    const args = node.BoolExpr.args ?? [];
    if (node.BoolExpr.boolop === 'NOT_EXPR') return `NOT ${operand(args[0])}`;
    return args.map(operand).join(node.BoolExpr.boolop === 'OR_EXPR' ? ' OR ' : ' AND ');
  }
  if ('NullTest' in node) {
    return `${operand(node.NullTest.arg)} ${node.NullTest.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`;
  }
  if ('BooleanTest' in node) {
    return `${operand(node.BooleanTest.arg)} ${(node.BooleanTest.booltesttype ?? 'IS_TRUE').replace(/_/g, ' ')}`;
  }
  if ('SubLink' in node) return printSubLink(node.SubLink, operand);
  if ('CoalesceExpr' in node) return `COALESCE(${list(node.CoalesceExpr.args)})`;
  if ('MinMaxExpr' in node) return `${node.MinMaxExpr.op === 'IS_LEAST' ? 'LEAST' : 'GREATEST'}(${list(node.MinMaxExpr.args)})`;
  if ('SQLValueFunction' in node) return (node.SQLValueFunction.op ?? '').replace(/^SVFOP_/, '').replace(/_N$/, '');
  if ('A_ArrayExpr' in node) return `ARRAY[${list(node.A_ArrayExpr.elements)}]`;
  if ('RowExpr' in node) return `ROW(${list(node.RowExpr.args)})`;
  if ('List' in node) return list(node.List.items);
  if ('CollateClause' in node) {
    return `${operand(node.CollateClause.arg)} COLLATE ${stringValues(node.CollateClause.collname).map(quoteIdent).join('.')}`;
  }
  if ('NamedArgExpr' in node) return `${quoteIdent(node.NamedArgExpr.name ?? '')} => ${p(node.NamedArgExpr.arg)}`;
  if ('CaseExpr' in node) return printCase(node.CaseExpr, p);
  if ('A_Indirection' in node) return printIndirection(node.A_Indirection, p);
  if ('A_Star' in node) return '*';
  return `<${nodeTag(node) ?? 'unknown'}>`;
}

function printColumnRef(ref: ColumnRef, options: PrintOptions): string {
  const parts = (ref.fields ?? []).map((f) => ('A_Star' in f ? '*' : quoteIdent('String' in f ? (f.String.sval ?? '') : '')));
  return options.bare && parts.length > 1 ? (parts.at(-1) as string) : parts.join('.');
}

export function printConst(c: A_Const): string {
  if (c.isnull) return 'NULL';
  if (c.sval) return quoteLiteral(c.sval.sval ?? '');
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval ?? '0';
  if (c.boolval) return c.boolval.boolval ? 'true' : 'false';
  if (c.bsval) {
    const bits = c.bsval.bsval ?? '';
    return `${bits.slice(0, 1).toUpperCase()}'${bits.slice(1)}'`;
  }
  return 'NULL';
}

export function printTypeName(type: TypeName | undefined): string {
  const names = stringValues(type?.names);
  const path = names[0] === 'pg_catalog' ? names.slice(1) : names;
  const mods = (type?.typmods ?? []).map((m) => printExpr(m)).join(', ');
  const bounds = '[]'.repeat(type?.arrayBounds?.length ?? 0);
  return `${path.map(quoteIdent).join('.')}${mods ? `(${mods})` : ''}${bounds}`;
}

/** `interval '30 days'` (type written before the literal) prints as written; other casts as `x::type`. */
function printCast(cast: TypeCast, operand: (n: Node | undefined) => string): string {
  const type = printTypeName(cast.typeName);
  const arg = cast.arg;
  const typeAt = cast.typeName?.location ?? -1;
  if (arg && 'A_Const' in arg && arg.A_Const.sval && typeAt >= 0 && typeAt < (arg.A_Const.location ?? -1)) {
    return `${type} ${printConst(arg.A_Const)}`;
  }
  return `${operand(arg)}::${type}`;
}
