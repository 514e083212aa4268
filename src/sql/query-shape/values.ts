/** The non-column side of a predicate, as a ValueRef. */
import type { A_Const, Node, TypeCast } from 'libpg-query';
import { walkNodes } from '../ast-walk.js';
import type { ShapeContext } from './context.js';
import { printExpr, printTypeName } from './print-expr.js';
import { resolve } from './resolve.js';
import type { Scope } from './scope.js';
import type { Constant, ValueRef } from './types.js';

export function value(ctx: ShapeContext, node: Node | undefined, scope: Scope): ValueRef {
  if (!node) return { kind: 'none' };
  if ('ParamRef' in node) return { kind: 'param', index: node.ParamRef.number ?? 0 };
  if ('A_Const' in node) return constantValue(node.A_Const) ?? expressionValue(node);
  if ('ColumnRef' in node) {
    const col = resolve(ctx, node.ColumnRef, scope);
    return col ? { kind: 'column', ...col.name } : expressionValue(node);
  }
  if ('SubLink' in node) return { kind: 'subquery' };
  if ('List' in node) return { kind: 'list', items: (node.List.items ?? []).map((n) => value(ctx, n, scope)) };
  if ('A_ArrayExpr' in node) return { kind: 'list', items: (node.A_ArrayExpr.elements ?? []).map((n) => value(ctx, n, scope)) };
  if ('TypeCast' in node) return castValue(ctx, node.TypeCast, node, scope);
  return expressionValue(node);
}

/** `'paid'::status` and `$1::uuid` keep their value; other casts stay expressions. */
function castValue(ctx: ShapeContext, cast: TypeCast, node: Node, scope: Scope): ValueRef {
  const arg = cast.arg;
  if (arg && 'A_Const' in arg) {
    const constant = constantValue(arg.A_Const);
    if (constant?.kind === 'constant') return { ...constant, cast: printTypeName(cast.typeName) };
  }
  if (arg && ('ParamRef' in arg || 'A_ArrayExpr' in arg)) return value(ctx, arg, scope);
  return expressionValue(node);
}

/** The `low AND high` of a BETWEEN. */
export function between(ctx: ShapeContext, node: Node | undefined, scope: Scope): ValueRef {
  const items = node && 'List' in node ? (node.List.items ?? []) : [];
  return { kind: 'between', low: value(ctx, items[0], scope), high: value(ctx, items[1], scope) };
}

/**
 * libpg_query omits zero/false/empty fields, so `0` arrives as `{ ival: {} }`
 * and `false` as `{ boolval: {} }`. Returns undefined for bit strings.
 */
export function constantValue(c: A_Const): ValueRef | undefined {
  if (c.isnull) return { kind: 'constant', value: null };
  if (c.sval) return { kind: 'constant', value: c.sval.sval ?? '' };
  if (c.ival) return { kind: 'constant', value: c.ival.ival ?? 0 };
  if (c.boolval) return { kind: 'constant', value: c.boolval.boolval ?? false };
  if (c.fval) {
    const text = c.fval.fval ?? '0';
    const n = Number(text);
    // Keep numbers JSON-safe and exact: 9007199254740993 stays an expression.
    const exact = Number.isFinite(n) && (!/^-?\d+$/.test(text) || Number.isSafeInteger(n));
    return exact ? { kind: 'constant', value: n } : undefined;
  }
  return undefined;
}

function expressionValue(node: Node): ValueRef {
  const params = new Set<number>();
  walkNodes(node, (n) => {
    if ('ParamRef' in n) params.add(n.ParamRef.number ?? 0);
    return !('SubLink' in n);
  });
  return { kind: 'expression', text: printExpr(node), params: [...params].sort((a, b) => a - b) };
}

/** The literals of a list made only of constants. */
export function constantsOf(value: ValueRef): Constant[] | undefined {
  if (value.kind !== 'list' || value.items.length === 0) return undefined;
  const constants: Constant[] = [];
  for (const item of value.items) {
    if (item.kind !== 'constant') return undefined;
    constants.push(item.value);
  }
  return constants;
}
