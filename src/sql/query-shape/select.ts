/** A SELECT block, or a set operation (UNION/INTERSECT/EXCEPT) of them. */
import type { SelectStmt } from 'libpg-query';
import type { SelectFacts } from './block-facts.js';
import { whereFrame } from './condition-frame.js';
import { condition } from './conditions.js';
import type { ShapeContext } from './context.js';
import { fromItem } from './from.js';
import { aggregates, groupItems } from './grouping.js';
import { compact, resTargets } from './nodes.js';
import { orderItem, rowCount } from './ordering.js';
import { targetInfo } from './projection.js';
import { newScope, siblingScope, type Scope } from './scope.js';
import { subqueries } from './subqueries.js';
import { withClause } from './with-clause.js';

export function select(ctx: ShapeContext, stmt: SelectStmt, scope: Scope): SelectFacts {
  if (stmt.withClause) withClause(ctx, stmt.withClause, scope);
  if (stmt.op !== undefined && stmt.op !== 'SETOP_NONE') return setOperation(ctx, stmt, scope);
  for (const item of stmt.fromClause ?? []) fromItem(ctx, item, scope);
  const targetList = resTargets(stmt.targetList);
  for (const t of targetList) subqueries(ctx, t.val, scope);
  condition(ctx, stmt.whereClause, whereFrame(scope));
  const rest = [stmt.groupClause, stmt.havingClause, stmt.sortClause, stmt.valuesLists, stmt.distinctClause];
  for (const part of rest) subqueries(ctx, part, scope);
  subqueries(ctx, [stmt.limitCount, stmt.limitOffset], scope);

  const targets = targetList.map((t) => targetInfo(ctx, t, scope));
  return compact({
    targets,
    orderBy: (stmt.sortClause ?? []).map((n) => orderItem(ctx, n, targets, scope)),
    groupBy: (stmt.groupClause ?? []).flatMap((n) => groupItems(ctx, n, targets, scope)),
    aggregates: aggregates(ctx, [stmt.targetList, stmt.havingClause, stmt.sortClause], scope),
    limit: rowCount(stmt.limitCount),
    offset: rowCount(stmt.limitOffset),
  });
}

/** Both arms are read; ORDER BY/LIMIT apply to the result, whose columns come from the left arm. */
function setOperation(ctx: ShapeContext, stmt: SelectStmt, scope: Scope): SelectFacts {
  const left = stmt.larg ? select(ctx, stmt.larg, scope) : undefined;
  const right = stmt.rarg ? select(ctx, stmt.rarg, siblingScope(scope)) : undefined;
  // ORDER BY of a set operation can only name output columns: resolve against no FROM items.
  const outputScope = newScope(scope.kind, undefined, scope);
  const targets = left?.targets ?? [];
  subqueries(ctx, [stmt.sortClause, stmt.limitCount, stmt.limitOffset], scope);
  return compact({
    targets,
    orderBy: (stmt.sortClause ?? []).map((n) => orderItem(ctx, n, targets, outputScope)),
    groupBy: [...(left?.groupBy ?? []), ...(right?.groupBy ?? [])],
    aggregates: [...(left?.aggregates ?? []), ...(right?.aggregates ?? [])],
    limit: rowCount(stmt.limitCount),
    offset: rowCount(stmt.limitOffset),
  });
}
