/** WITH: each CTE body is walked in its own block, and its output columns remembered for references. */
import type { CommonTableExpr, Node, WithClause } from 'libpg-query';
import { outputNamesOf } from './block-facts.js';
import type { ShapeContext } from './context.js';
import { aliasColumns, compact } from './nodes.js';
import { newScope, type CteInfo, type Scope } from './scope.js';
import { select } from './select.js';
import { deleteFrom, insert, update } from './writes.js';

export function withClause(ctx: ShapeContext, clause: WithClause, scope: Scope): void {
  const ctes = (clause.ctes ?? []).flatMap((n) => ('CommonTableExpr' in n ? [n.CommonTableExpr] : []));
  // A recursive CTE refers to itself (and its siblings) inside its body.
  if (clause.recursive) for (const cte of ctes) scope.ctes.set(cte.ctename ?? '', cteInfo(cte, undefined));
  for (const cte of ctes) {
    const name = cte.ctename ?? '';
    const body = newScope('cte', scope.parent, scope, name);
    const columns = cteStatement(ctx, cte.ctequery, body);
    scope.ctes.set(name, cteInfo(cte, columns));
    ctx.ctes.push({ pos: cte.location ?? 0, item: name });
  }
}

/** A statement in a CTE body; returns its output column names when known. */
function cteStatement(ctx: ShapeContext, node: Node | undefined, scope: Scope): readonly string[] | undefined {
  if (!node) return undefined;
  if ('SelectStmt' in node) return outputNamesOf(select(ctx, node.SelectStmt, scope).targets);
  if ('InsertStmt' in node) return insert(ctx, node.InsertStmt, scope).outputNames;
  if ('UpdateStmt' in node) return update(ctx, node.UpdateStmt, scope).outputNames;
  if ('DeleteStmt' in node) return deleteFrom(ctx, node.DeleteStmt, scope).outputNames;
  return undefined;
}

function cteInfo(cte: CommonTableExpr, bodyColumns: readonly string[] | undefined): CteInfo {
  return compact({ columns: aliasColumns(cte.aliascolnames) ?? bodyColumns });
}
