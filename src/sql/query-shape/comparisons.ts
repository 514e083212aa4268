/** Operator expressions in a condition: `=`, `<`, IN lists, ANY/ALL, LIKE, SIMILAR TO, BETWEEN. */
import type { A_Expr, Node } from 'libpg-query';
import type { ConditionFrame } from './condition-frame.js';
import type { ShapeContext } from './context.js';
import { locationOf, operatorName } from './nodes.js';
import { comparisonOp, FLIPPED_OPERATORS, LIKE_OPERATORS } from './operators.js';
import { addPredicate, joinEdge } from './record.js';
import { side } from './resolve.js';
import { subqueries } from './subqueries.js';
import type { PredicateOp, ValueRef } from './types.js';
import { between, value } from './values.js';

export function comparison(ctx: ShapeContext, expr: A_Expr, frame: ConditionFrame): void {
  const { lexpr, rexpr } = expr;
  const scope = frame.scope;
  subqueries(ctx, [lexpr, rexpr], scope);
  const op = operatorName(expr.name);
  const pos = expr.location ?? locationOf(lexpr);
  switch (expr.kind) {
    case 'AEXPR_OP':
      return binary(ctx, lexpr, op, rexpr, frame, pos);
    case 'AEXPR_DISTINCT':
      return binary(ctx, lexpr, 'IS DISTINCT FROM', rexpr, frame, pos);
    case 'AEXPR_NOT_DISTINCT':
      return binary(ctx, lexpr, 'IS NOT DISTINCT FROM', rexpr, frame, pos);
    case 'AEXPR_IN': {
      const notIn = op === '<>';
      return onLeft(ctx, lexpr, 'in', notIn ? 'NOT IN' : 'IN', value(ctx, rexpr, scope), notIn, frame, pos);
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      return quantified(ctx, expr, op, frame, pos);
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE': {
      const text = LIKE_OPERATORS[op] ?? op;
      return onLeft(ctx, lexpr, 'like', text, value(ctx, rexpr, scope), op.startsWith('!'), frame, pos);
    }
    case 'AEXPR_SIMILAR': {
      const not = op.startsWith('!');
      const text = not ? 'NOT SIMILAR TO' : 'SIMILAR TO';
      return onLeft(ctx, lexpr, 'other', text, value(ctx, rexpr, scope), not, frame, pos);
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM': {
      const not = expr.kind.includes('NOT');
      const text = `${not ? 'NOT ' : ''}BETWEEN${expr.kind.endsWith('SYM') ? ' SYMMETRIC' : ''}`;
      return onLeft(ctx, lexpr, 'range', text, between(ctx, rexpr, scope), not, frame, pos);
    }
    default:
      return;
  }
}

/** `col op value`, `value op col` (flipped), or `a.x = b.y` (a join edge). */
function binary(ctx: ShapeContext, lexpr: Node | undefined, operator: string, rexpr: Node | undefined, frame: ConditionFrame, pos: number): void {
  const left = side(ctx, lexpr, frame.scope);
  const right = side(ctx, rexpr, frame.scope);
  if (left.kind === 'column' && right.kind === 'column' && joinEdge(ctx, left.col, right.col, operator, frame, pos)) return;
  if (left.kind !== 'value') {
    addPredicate(ctx, left, comparisonOp(operator), operator, value(ctx, rexpr, frame.scope), false, frame, pos);
    return;
  }
  const flipped = FLIPPED_OPERATORS[operator];
  if (right.kind !== 'value' && flipped !== undefined) {
    addPredicate(ctx, right, comparisonOp(flipped), flipped, value(ctx, lexpr, frame.scope), false, frame, pos);
  }
}

/** `x = ANY($1)` is an IN list; `x <> ALL($1)` a NOT IN; `$1 = ANY(tags)` tests an array column. */
function quantified(ctx: ShapeContext, expr: A_Expr, op: string, frame: ConditionFrame, pos: number): void {
  const isAll = expr.kind === 'AEXPR_OP_ALL';
  const isIn = isAll ? op === '<>' || op === '!=' : op === '=';
  const operator = `${op} ${isAll ? 'ALL' : 'ANY'}`;
  const left = side(ctx, expr.lexpr, frame.scope);
  if (left.kind !== 'value') {
    const tested = value(ctx, expr.rexpr, frame.scope);
    addPredicate(ctx, left, isIn ? 'in' : 'other', operator, tested, isIn && isAll, frame, pos);
    return;
  }
  const right = side(ctx, expr.rexpr, frame.scope);
  if (right.kind !== 'value') {
    addPredicate(ctx, right, 'other', `${operator} (column)`, value(ctx, expr.lexpr, frame.scope), false, frame, pos);
  }
}

/** A predicate on the left operand, when it is a column or an expression over one. */
function onLeft(
  ctx: ShapeContext,
  lexpr: Node | undefined,
  op: PredicateOp,
  operator: string,
  tested: ValueRef,
  negatedBySyntax: boolean,
  frame: ConditionFrame,
  pos: number,
): void {
  const left = side(ctx, lexpr, frame.scope);
  if (left.kind !== 'value') addPredicate(ctx, left, op, operator, tested, negatedBySyntax, frame, pos);
}
