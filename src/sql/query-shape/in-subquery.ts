/** `x IN (SELECT y ...)` and `x op ANY/ALL (SELECT ...)` in a condition. */
import type { SubLink } from 'libpg-query';
import type { ConditionFrame } from './condition-frame.js';
import type { ShapeContext } from './context.js';
import { compact, locationOf, operatorName } from './nodes.js';
import { addJoin, addPredicate } from './record.js';
import { bound, side } from './resolve.js';
import { childScope, type BlockKind } from './scope.js';
import { subqueries, subquery } from './subqueries.js';
import type { JoinEdge } from './types.js';

/** A predicate on x plus, when y is a plain column, a semi (anti for NOT IN) join edge. */
export function inSubquery(ctx: ShapeContext, link: SubLink, frame: ConditionFrame): void {
  const isAll = link.subLinkType === 'ALL_SUBLINK';
  const op = link.operName ? operatorName(link.operName) : '=';
  const isIn = isAll ? op === '<>' || op === '!=' : op === '=';
  const negated = frame.negated !== (isIn && isAll);
  const operator = link.operName ? `${op} ${isAll ? 'ALL' : 'ANY'}` : 'IN';
  subqueries(ctx, link.testexpr, frame.scope);
  const kind: BlockKind = isIn ? (negated ? 'not-in' : 'in') : 'scalar';
  const facts = subquery(ctx, link.subselect, childScope(frame.scope, kind));
  const pos = link.location ?? locationOf(link.testexpr);
  const tested = link.testexpr && 'RowExpr' in link.testexpr ? (link.testexpr.RowExpr.args ?? []) : [link.testexpr];
  tested.forEach((node, i) => {
    const outer = side(ctx, node, frame.scope);
    if (outer.kind === 'value') return;
    addPredicate(ctx, outer, isIn ? 'in' : 'other', operator, { kind: 'subquery' }, negated !== frame.negated, frame, pos);
    const inner = facts?.targets[i]?.column;
    if (isIn && outer.kind === 'column' && outer.col.source && inner?.source && inner.depth === 0) {
      const edge: JoinEdge = compact({
        left: bound(outer.col.source, outer.col.name.column),
        right: bound(inner.source, inner.name.column),
        type: negated ? 'anti' : 'semi',
        clause: 'where',
        inOr: frame.inOr || undefined,
      });
      addJoin(ctx, edge, pos);
    }
  });
}
