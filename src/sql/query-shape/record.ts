/** Adding facts to the context: table references, column predicates and join edges. */
import type { RangeVar } from 'libpg-query';
import type { ConditionFrame } from './condition-frame.js';
import type { ShapeContext } from './context.js';
import { compact } from './nodes.js';
import { bound, type ColumnSide } from './resolve.js';
import { correlationType, reportedScope, sourceOrder, type Resolved, type Scope, type Source } from './scope.js';
import { constantsOf } from './values.js';
import type { ColumnPredicate, JoinEdge, JoinType, PredicateOp, TableRef, ValueRef } from './types.js';

export function recordTable(ctx: ShapeContext, rv: RangeVar, scope: Scope, target: boolean): void {
  const name = rv.relname ?? '';
  const item: TableRef = compact({
    table: name,
    schema: rv.schemaname,
    alias: rv.alias?.aliasname ?? name,
    scope: reportedScope(scope.kind),
    inCte: scope.cte,
    target: target || undefined,
  });
  ctx.tables.push({ pos: rv.location ?? 0, item });
}

export function addPredicate(
  ctx: ShapeContext,
  side: ColumnSide,
  op: PredicateOp,
  operator: string,
  value: ValueRef,
  negatedBySyntax: boolean,
  frame: ConditionFrame,
  pos: number,
): void {
  const negated = frame.negated !== negatedBySyntax;
  const item: ColumnPredicate = compact({
    ...side.col.name,
    expression: side.kind === 'expression' ? side.text : undefined,
    op,
    operator,
    value,
    constantValue: value.kind === 'constant' ? value.value : undefined,
    constantValues: constantsOf(value),
    negated: negated || undefined,
    inOr: frame.inOr || undefined,
    scope: reportedScope(frame.scope.kind),
    clause: frame.clause,
  });
  ctx.predicates.push({ pos, item });
}

/** Records an equality between columns of two different FROM items; false if it is not one. */
export function joinEdge(ctx: ShapeContext, a: Resolved, b: Resolved, operator: string, frame: ConditionFrame, pos: number): boolean {
  if (operator !== '=' || frame.negated || !a.source || !b.source || a.source === b.source) return false;
  let type: JoinType;
  let outerFirst: boolean;
  if (a.depth !== b.depth) {
    type = correlationType(frame.scope.kind);
    outerFirst = a.depth > b.depth;
  } else {
    type = frame.clause === 'on' ? frame.joinType : 'inner';
    outerFirst = sourceOrder(frame.scope, a) <= sourceOrder(frame.scope, b);
  }
  const [left, right] = outerFirst ? [a, b] : [b, a];
  const edge: JoinEdge = compact({
    left: bound(left.source as Source, left.name.column),
    right: bound(right.source as Source, right.name.column),
    type,
    clause: frame.clause,
    inOr: frame.inOr || undefined,
  });
  ctx.joins.push({ pos, item: edge });
  return true;
}

/** A join edge whose ends are already known (USING, IN subqueries). */
export function addJoin(ctx: ShapeContext, edge: JoinEdge, pos: number): void {
  ctx.joins.push({ pos, item: edge });
}
