/** INSERT, UPDATE and DELETE: the written table, the columns set, ON CONFLICT and RETURNING. */
import type { DeleteStmt, InsertStmt, OnConflictClause, RangeVar, SelectStmt, UpdateStmt } from 'libpg-query';
import { outputNamesOf, type InsertFacts, type WriteFacts } from './block-facts.js';
import { whereFrame } from './condition-frame.js';
import { condition } from './conditions.js';
import type { ShapeContext } from './context.js';
import { fromItem } from './from.js';
import { assignedValue, compact, resTargets } from './nodes.js';
import { printExpr } from './print-expr.js';
import { projection } from './projection.js';
import { recordTable } from './record.js';
import { newScope, siblingScope, type Scope, type Source } from './scope.js';
import { select } from './select.js';
import { subqueries } from './subqueries.js';
import type { InsertShape, OnConflict } from './types.js';
import { withClause } from './with-clause.js';

export function insert(ctx: ShapeContext, stmt: InsertStmt, scope: Scope): InsertFacts {
  if (stmt.withClause) withClause(ctx, stmt.withClause, scope);
  const target = writeTarget(ctx, stmt.relation, scope);
  const selectNode = stmt.selectStmt && 'SelectStmt' in stmt.selectStmt ? stmt.selectStmt.SelectStmt : undefined;
  // The SELECT cannot see the target table, so it gets its own block.
  const selected = selectNode ? select(ctx, selectNode, siblingScope(scope)) : undefined;
  scope.sources.push(target);
  const onConflict = stmt.onConflictClause ? onConflictOf(ctx, stmt.onConflictClause, target, scope) : undefined;
  const returning = projection(ctx, stmt.returningClause?.exprs, scope);
  return compact({
    writesTable: target.table ?? '',
    setColumns: resTargets(stmt.cols).map((t) => t.name ?? ''),
    source: insertSource(selectNode),
    select: selected,
    onConflict,
    returning: returning.map((t) => t.use),
    outputNames: outputNamesOf(returning),
  });
}

export function update(ctx: ShapeContext, stmt: UpdateStmt, scope: Scope): WriteFacts {
  if (stmt.withClause) withClause(ctx, stmt.withClause, scope);
  const target = writeTarget(ctx, stmt.relation, scope);
  scope.sources.push(target);
  for (const item of stmt.fromClause ?? []) fromItem(ctx, item, scope);
  const assignments = resTargets(stmt.targetList);
  for (const a of assignments) subqueries(ctx, assignedValue(a), scope);
  condition(ctx, stmt.whereClause, whereFrame(scope));
  const returning = projection(ctx, stmt.returningClause?.exprs, scope);
  return compact({
    writesTable: target.table ?? '',
    setColumns: assignments.map((a) => a.name ?? ''),
    returning: returning.map((t) => t.use),
    outputNames: outputNamesOf(returning),
  });
}

export function deleteFrom(ctx: ShapeContext, stmt: DeleteStmt, scope: Scope): WriteFacts {
  if (stmt.withClause) withClause(ctx, stmt.withClause, scope);
  const target = writeTarget(ctx, stmt.relation, scope);
  scope.sources.push(target);
  for (const item of stmt.usingClause ?? []) fromItem(ctx, item, scope);
  condition(ctx, stmt.whereClause, whereFrame(scope));
  const returning = projection(ctx, stmt.returningClause?.exprs, scope);
  return compact({
    writesTable: target.table ?? '',
    setColumns: [],
    returning: returning.map((t) => t.use),
    outputNames: outputNamesOf(returning),
  });
}

/** Records the written table; the caller adds it to the block once the block may see it. */
function writeTarget(ctx: ShapeContext, rv: RangeVar | undefined, scope: Scope): Source {
  const relation = rv ?? {};
  const name = relation.relname ?? '';
  recordTable(ctx, relation, scope, true);
  return compact({ alias: relation.alias?.aliasname ?? name, table: name, schema: relation.schemaname });
}

function insertSource(selected: SelectStmt | undefined): InsertShape['source'] {
  if (!selected) return 'default-values';
  return selected.valuesLists && selected.valuesLists.length > 0 ? 'values' : 'select';
}

function onConflictOf(ctx: ShapeContext, clause: OnConflictClause, target: Source, scope: Scope): OnConflict {
  const columns = (clause.infer?.indexElems ?? []).flatMap((n) => {
    if (!('IndexElem' in n)) return [];
    const elem = n.IndexElem;
    return [elem.name ?? (elem.expr ? printExpr(elem.expr, { bare: true }) : '')];
  });
  // `excluded` is the proposed row: the target's columns.
  const conflictScope = newScope(scope.kind, scope.parent, scope);
  conflictScope.sources.push(target, compact({ alias: 'excluded', table: target.table, schema: target.schema }));
  const assignments = resTargets(clause.targetList);
  for (const a of assignments) subqueries(ctx, assignedValue(a), conflictScope);
  subqueries(ctx, clause.whereClause, conflictScope);
  return compact({
    action: clause.action === 'ONCONFLICT_UPDATE' ? 'update' : 'nothing',
    columns,
    constraint: clause.infer?.conname,
    setColumns: assignments.map((a) => a.name ?? ''),
  });
}
