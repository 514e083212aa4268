/** GROUP BY items and the aggregate calls of a query block. */
import type { FuncCall, Node } from 'libpg-query';
import { walkNodes } from '../ast-walk.js';
import type { TargetInfo } from './block-facts.js';
import type { ShapeContext } from './context.js';
import { compact, functionName, ordinalOf } from './nodes.js';
import { columnUse, targetNamed, withoutName } from './projection.js';
import { couldOwn, resolve } from './resolve.js';
import type { Scope } from './scope.js';
import type { Aggregate, ColumnUse } from './types.js';

/** GROUP BY n and GROUP BY output-alias (when no input column could have that name) refer to the select list. */
export function groupItems(ctx: ShapeContext, node: Node, targets: readonly TargetInfo[], scope: Scope): ColumnUse[] {
  if ('GroupingSet' in node) return (node.GroupingSet.content ?? []).flatMap((n) => groupItems(ctx, n, targets, scope));
  const ordinal = ordinalOf(node);
  if (ordinal !== undefined) {
    const target = targets[ordinal - 1];
    return target && !target.star ? [withoutName(target.use)] : [{ expression: String(ordinal) }];
  }
  const named = targetNamed(node, targets);
  if (named && 'ColumnRef' in node) {
    const input = resolve(ctx, node.ColumnRef, scope);
    const inputKnown = input?.source !== undefined && couldOwn(ctx, input.source, input.name.column) === 'yes';
    if (!inputKnown) return [withoutName(named.use)];
  }
  return [columnUse(ctx, node, scope)];
}

/** Aggregate calls under `roots`, outside subqueries and window functions, in source order. */
export function aggregates(ctx: ShapeContext, roots: unknown[], scope: Scope): Aggregate[] {
  const found: Aggregate[] = [];
  walkNodes(roots, (node) => {
    if ('SubLink' in node) return false;
    if (!('FuncCall' in node)) return true;
    const call = node.FuncCall;
    if (call.over || !isAggregate(call)) return true; // window functions are not grouping aggregates
    const [first] = call.args ?? [];
    found.push(
      compact({
        fn: functionName(call),
        column: first ? columnUse(ctx, first, scope) : undefined,
        star: call.agg_star || undefined,
        distinct: call.agg_distinct || undefined,
      }),
    );
    return false;
  });
  return found;
}

/** Functions that aggregate even without DISTINCT/ORDER BY/FILTER/* markers. */
const AGGREGATES = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'array_agg',
  'string_agg',
  'bool_and',
  'bool_or',
  'every',
  'bit_and',
  'bit_or',
  'bit_xor',
  'json_agg',
  'jsonb_agg',
  'json_object_agg',
  'jsonb_object_agg',
  'xmlagg',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'variance',
  'var_pop',
  'var_samp',
  'corr',
  'covar_pop',
  'covar_samp',
  'regr_count',
  'mode',
  'percentile_cont',
  'percentile_disc',
  'any_value',
  'range_agg',
  'range_intersect_agg',
]);

function isAggregate(call: FuncCall): boolean {
  const marked = call.agg_star || call.agg_distinct || call.agg_order || call.agg_filter || call.agg_within_group;
  return Boolean(marked) || AGGREGATES.has(functionName(call));
}
