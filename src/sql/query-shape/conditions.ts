/**
 * WHERE and ON conditions: every column test becomes a predicate, every equality between
 * two FROM items a join edge. NOT and OR are tracked in the frame, not rewritten.
 */
import type { BoolExpr, BooleanTest, Node, NullTest, SubLink } from 'libpg-query';
import { comparison } from './comparisons.js';
import type { ConditionFrame } from './condition-frame.js';
import type { ShapeContext } from './context.js';
import { inSubquery } from './in-subquery.js';
import { locationOf } from './nodes.js';
import { addPredicate } from './record.js';
import { side } from './resolve.js';
import { childScope } from './scope.js';
import { subqueries, subquery } from './subqueries.js';
import type { ValueRef } from './types.js';

export function condition(ctx: ShapeContext, node: Node | undefined, frame: ConditionFrame): void {
  if (!node) return;
  if ('BoolExpr' in node) return boolExpr(ctx, node.BoolExpr, frame);
  if ('A_Expr' in node) return comparison(ctx, node.A_Expr, frame);
  if ('NullTest' in node) return nullTest(ctx, node.NullTest, frame);
  if ('BooleanTest' in node) return booleanTest(ctx, node.BooleanTest, frame);
  if ('SubLink' in node) return subLinkCondition(ctx, node.SubLink, frame);
  if ('ColumnRef' in node) {
    // A bare boolean column: `where active` is active = true, `where not deleted` is deleted = false.
    const tested = side(ctx, node, frame.scope);
    const value: ValueRef = { kind: 'constant', value: !frame.negated };
    if (tested.kind !== 'value') addPredicate(ctx, tested, 'eq', '=', value, frame.negated, frame, locationOf(node));
    return;
  }
  subqueries(ctx, node, frame.scope);
}

function boolExpr(ctx: ShapeContext, expr: BoolExpr, frame: ConditionFrame): void {
  const args = expr.args ?? [];
  if (expr.boolop === 'NOT_EXPR') {
    for (const arg of args) condition(ctx, arg, { ...frame, negated: !frame.negated });
    return;
  }
  // De Morgan: under NOT, AND behaves as OR and vice versa.
  const disjunction = (expr.boolop === 'OR_EXPR') !== frame.negated;
  for (const arg of args) condition(ctx, arg, { ...frame, inOr: frame.inOr || disjunction });
}

function nullTest(ctx: ShapeContext, test: NullTest, frame: ConditionFrame): void {
  const tested = side(ctx, test.arg, frame.scope);
  if (tested.kind === 'value') return subqueries(ctx, test.arg, frame.scope);
  const isNull = test.nulltesttype !== 'IS_NOT_NULL';
  const pos = test.location ?? locationOf(test.arg);
  addPredicate(ctx, tested, isNull ? 'is-null' : 'is-not-null', isNull ? 'IS NULL' : 'IS NOT NULL', { kind: 'none' }, false, frame, pos);
}

function booleanTest(ctx: ShapeContext, test: BooleanTest, frame: ConditionFrame): void {
  const tested = side(ctx, test.arg, frame.scope);
  if (tested.kind === 'value') return subqueries(ctx, test.arg, frame.scope);
  const type = test.booltesttype ?? 'IS_TRUE';
  const operator = type.replace(/_/g, ' ');
  const negatedBySyntax = type.startsWith('IS_NOT');
  const pos = test.location ?? locationOf(test.arg);
  if (type.endsWith('UNKNOWN')) {
    // IS UNKNOWN is IS NULL for booleans.
    const op = negatedBySyntax ? 'is-not-null' : 'is-null';
    return addPredicate(ctx, tested, op, operator, { kind: 'none' }, false, frame, pos);
  }
  const value: ValueRef = { kind: 'constant', value: type.endsWith('TRUE') };
  addPredicate(ctx, tested, 'eq', operator, value, negatedBySyntax, frame, pos);
}

function subLinkCondition(ctx: ShapeContext, link: SubLink, frame: ConditionFrame): void {
  const type = link.subLinkType;
  if (type === 'EXISTS_SUBLINK') {
    subquery(ctx, link.subselect, childScope(frame.scope, frame.negated ? 'not-exists' : 'exists'));
    return;
  }
  if (type !== 'ANY_SUBLINK' && type !== 'ALL_SUBLINK') {
    subqueries(ctx, link.testexpr, frame.scope);
    subquery(ctx, link.subselect, childScope(frame.scope, 'scalar'));
    return;
  }
  inSubquery(ctx, link, frame);
}
