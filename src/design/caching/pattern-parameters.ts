import { bindNamedParams } from '../../sql/named-params.js';
import type { ColumnPredicate, PredicateOp, QueryShape, ValueRef } from '../../sql/query-shape.js';

/** One `:name` parameter of a pattern and the column it is compared with, when there is one. */
export interface PatternParameter {
  readonly name: string;
  /** `$n` in the bound statement. */
  readonly index: number;
  readonly column?: { readonly table: string; readonly column: string; readonly op: PredicateOp };
}

/**
 * The pattern's parameters in the order they first appear in its SQL (the order of `$1`, `$2`, …),
 * each with the column it filters, found in the parsed shape. A parameter that filters nothing
 * (a LIMIT, a value inserted) has no column.
 */
export function patternParameters(sql: string, shape: QueryShape): PatternParameter[] {
  const { params } = bindNamedParams(sql);
  return params.map((name, i) => {
    const index = i + 1;
    const predicate = bestPredicate(shape.predicates.filter((p) => p.table !== undefined && mentions(p.value, index)));
    return predicate ? { name, index, column: { table: predicate.table!, column: predicate.column, op: predicate.op } } : { name, index };
  });
}

/** A plain equality in the main query says most about the values; ORed or negated ones least. */
function bestPredicate(candidates: readonly ColumnPredicate[]): ColumnPredicate | undefined {
  const rank = (p: ColumnPredicate) => (p.scope === 'main' ? 0 : 2) + (p.inOr || p.negated ? 4 : 0) + (p.op === 'eq' || p.op === 'in' ? 0 : 1);
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0];
}

function mentions(value: ValueRef, index: number): boolean {
  switch (value.kind) {
    case 'param':
      return value.index === index;
    case 'expression':
      return value.params.includes(index);
    case 'list':
      return value.items.some((item) => mentions(item, index));
    case 'between':
      return mentions(value.low, index) || mentions(value.high, index);
    default:
      return false;
  }
}
