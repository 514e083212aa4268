/** FROM items: tables, CTE references, derived tables, functions and joins between them. */
import type { JoinExpr, Node, RangeVar } from 'libpg-query';
import { onFrame } from './condition-frame.js';
import { condition } from './conditions.js';
import type { ShapeContext } from './context.js';
import { aliasColumns, compact, firstFunctionName, maxLocation, stringValues } from './nodes.js';
import { outputNamesOf } from './block-facts.js';
import { addJoin, recordTable } from './record.js';
import { bound, soleOwner } from './resolve.js';
import { addSource, childScope, findCte, newScope, type Scope, type Source } from './scope.js';
import { select } from './select.js';
import { subqueries } from './subqueries.js';
import type { JoinType } from './types.js';

const JOIN_TYPES: Readonly<Record<string, JoinType>> = {
  JOIN_INNER: 'inner',
  JOIN_LEFT: 'left',
  JOIN_RIGHT: 'right',
  JOIN_FULL: 'full',
};

/** Registers the FROM item's sources in `scope`; returns them in order. */
export function fromItem(ctx: ShapeContext, node: Node, scope: Scope): Source[] {
  if ('RangeVar' in node) return [rangeVar(ctx, node.RangeVar, scope)];
  if ('JoinExpr' in node) return joinExpr(ctx, node.JoinExpr, scope);
  if ('RangeSubselect' in node) {
    const { lateral, subquery, alias } = node.RangeSubselect;
    // Only LATERAL subqueries see the FROM items before them.
    const inner = lateral ? childScope(scope, 'lateral') : newScope('derived', scope.parent, scope);
    const facts = subquery && 'SelectStmt' in subquery ? select(ctx, subquery.SelectStmt, inner) : undefined;
    const columns = aliasColumns(alias?.colnames) ?? (facts ? outputNamesOf(facts.targets) : undefined);
    return [addSource(scope, compact({ alias: alias?.aliasname ?? '', columns }))];
  }
  if ('RangeTableSample' in node) {
    const { relation, args, repeatable } = node.RangeTableSample;
    subqueries(ctx, [args, repeatable], scope);
    return relation ? fromItem(ctx, relation, scope) : [];
  }
  if ('RangeFunction' in node) {
    const { functions, alias } = node.RangeFunction;
    subqueries(ctx, functions, scope);
    const name = alias?.aliasname ?? firstFunctionName(functions) ?? '';
    return [addSource(scope, compact({ alias: name, columns: aliasColumns(alias?.colnames) }))];
  }
  subqueries(ctx, node, scope);
  return [];
}

/** A named FROM item: a CTE of an enclosing WITH when one has the name, else a table. */
function rangeVar(ctx: ShapeContext, rv: RangeVar, scope: Scope): Source {
  const name = rv.relname ?? '';
  const alias = rv.alias?.aliasname ?? name;
  const cte = rv.schemaname === undefined ? findCte(scope, name) : undefined;
  if (cte) return addSource(scope, compact({ alias, columns: cte.columns }));
  recordTable(ctx, rv, scope, false);
  return addSource(scope, compact({ alias, table: name, schema: rv.schemaname }));
}

function joinExpr(ctx: ShapeContext, join: JoinExpr, scope: Scope): Source[] {
  const left = join.larg ? fromItem(ctx, join.larg, scope) : [];
  const right = join.rarg ? fromItem(ctx, join.rarg, scope) : [];
  const type = JOIN_TYPES[join.jointype ?? ''] ?? 'inner';
  const pos = maxLocation(join.rarg); // USING comes after the right input; JoinExpr has no location
  for (const column of stringValues(join.usingClause)) usingEdge(ctx, column, left, right, type, pos);
  condition(ctx, join.quals, onFrame(scope, type));
  return [...left, ...right];
}

/** USING (col): col of the left input = col of the right input, when each side has one possible owner. */
function usingEdge(ctx: ShapeContext, column: string, left: Source[], right: Source[], type: JoinType, pos: number): void {
  const l = soleOwner(ctx, column, left);
  const r = soleOwner(ctx, column, right);
  if (!l || !r) return;
  addJoin(ctx, { left: bound(l, column), right: bound(r, column), type, clause: 'using' }, pos);
}
