import type { PatternAccess } from '../pattern-access.js';
import { compareValues, evaluateSource, orderKeyOf, predicateHolds, type AnswerRow, type Params } from '../reference-answer.js';
import type { RowValue, SyntheticData } from '../synthetic-rows.js';
import type { ItemTypePlan } from './item-types.js';
import { rowOfItem, type Item } from './items.js';
import type { PlannedPattern } from './planned.js';
import { attributeOf } from './serve-pattern.js';

/**
 * What the application makes of the items its requests returned, as the pattern's notes say: the
 * conditions only it can apply, the merge of one request per IN value in the pattern's order, and
 * LIMIT over the merged list. Aggregates are folded by the caller from these rows.
 */
export function applicationAnswer(
  access: PatternAccess,
  planned: PlannedPattern,
  plans: ReadonlyMap<string, ItemTypePlan>,
  itemsPerOperation: readonly (readonly Item[])[],
  params: Params,
  data: SyntheticData,
): AnswerRow[] {
  const rows = (access.children ? itemsPerOperation.flat() : (itemsPerOperation.at(-1) ?? [])).map(rowOfItem);
  if (access.children) return rows.map((r) => ({ entity: r.entity, row: r.row }));
  const plan = plans.get(access.table.name)!;
  const attr = attributeOf(plan, access);
  const op = planned.operations.at(-1);
  const applicationFilters = (op?.filter?.conditions ?? []).filter((c) => c.kind === 'application');
  const kept = rows.filter((r) =>
    applicationFilters.every((c) => {
      const f = access.filters.find((x) => x.text === (c as { text: string }).text)!;
      const a = attr(f.column);
      return predicateHolds(f.predicate, a ? r.row[a] : undefined, f.value ? evaluateSource(f.value, params, data.now) : undefined);
    }),
  );
  const order = access.sortedByApplication ? [] : access.orderBy.map((o) => ({ attribute: attr(o.column), direction: o.direction }));
  const value = (row: Record<string, RowValue>, a: string | undefined) => (a ? row[a] : undefined);
  if (order.length && op?.perValue)
    kept.sort((x, y) => {
      for (const o of order) {
        const c = compareValues(value(x.row, o.attribute), value(y.row, o.attribute));
        if (c !== 0) return o.direction === 'asc' ? c : -c;
      }
      return 0;
    });
  const limited = access.limit !== undefined ? kept.slice(0, access.limit) : kept;
  return limited.map((r) => ({
    entity: r.entity,
    row: r.row,
    ...(order.length ? { orderKey: orderKeyOf(order.map((o) => value(r.row, o.attribute))) } : {}),
  }));
}
