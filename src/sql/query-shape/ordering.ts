/** ORDER BY, LIMIT and OFFSET of a query block. */
import type { Node, SortBy } from 'libpg-query';
import type { TargetInfo } from './block-facts.js';
import type { ShapeContext } from './context.js';
import { compact, operatorName, ordinalOf } from './nodes.js';
import { columnUse, targetNamed, withoutName } from './projection.js';
import type { Scope } from './scope.js';
import type { OrderItem, RowCount } from './types.js';
import { constantValue } from './values.js';

/** ORDER BY n and ORDER BY output-alias refer to the select list (PostgreSQL prefers output names here). */
export function orderItem(ctx: ShapeContext, node: Node, targets: readonly TargetInfo[], scope: Scope): OrderItem {
  const sort: SortBy = 'SortBy' in node ? node.SortBy : { node };
  const desc = sort.sortby_dir === 'SORTBY_DESC' || (sort.sortby_dir === 'SORTBY_USING' && operatorName(sort.useOp) === '>');
  const nulls: OrderItem['nulls'] = sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ? 'first' : sort.sortby_nulls === 'SORTBY_NULLS_LAST' ? 'last' : undefined;
  const order: Pick<OrderItem, 'direction' | 'nulls'> = compact({ direction: desc ? 'desc' : 'asc', nulls });
  const ordinal = ordinalOf(sort.node);
  if (ordinal !== undefined) {
    const target = targets[ordinal - 1];
    return target && !target.star ? { ...withoutName(target.use), ...order } : { ordinal, ...order };
  }
  const named = targetNamed(sort.node, targets);
  if (named) return { ...withoutName(named.use), ...order };
  return { ...columnUse(ctx, sort.node, scope), ...order };
}

/** A LIMIT or OFFSET: a number, a parameter, or unknown (an expression). */
export function rowCount(node: Node | undefined): RowCount | undefined {
  if (!node) return undefined;
  if ('ParamRef' in node) return 'param';
  if ('TypeCast' in node) return rowCount(node.TypeCast.arg);
  if ('A_Const' in node) {
    const value = constantValue(node.A_Const);
    return value?.kind === 'constant' && typeof value.value === 'number' ? value.value : undefined;
  }
  return undefined;
}
