/** Subqueries anywhere in an expression: each is walked once, in its own block. */
import type { Node } from 'libpg-query';
import { walkNodes } from '../ast-walk.js';
import type { SelectFacts } from './block-facts.js';
import type { ShapeContext } from './context.js';
import { operatorName } from './nodes.js';
import { childScope, type BlockKind, type Scope } from './scope.js';
import { select } from './select.js';

/** Walks every subquery under `root`, each once, in a child block of `scope`. */
export function subqueries(ctx: ShapeContext, root: unknown, scope: Scope): void {
  walkNodes(root, (node) => {
    if (!('SubLink' in node)) return true;
    const link = node.SubLink;
    const kind: BlockKind =
      link.subLinkType === 'EXISTS_SUBLINK'
        ? 'exists'
        : link.subLinkType === 'ANY_SUBLINK' && (!link.operName || operatorName(link.operName) === '=')
          ? 'in'
          : 'scalar';
    subqueries(ctx, link.testexpr, scope);
    subquery(ctx, link.subselect, childScope(scope, kind));
    return false;
  });
}

export function subquery(ctx: ShapeContext, node: Node | undefined, scope: Scope): SelectFacts | undefined {
  return node && 'SelectStmt' in node ? select(ctx, node.SelectStmt, scope) : undefined;
}
