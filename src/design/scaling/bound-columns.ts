import type { QueryShape } from '../../sql/query-shape.js';

/** Which columns of a statement are pinned to one value: by equality to a parameter or constant, or through a join to such a column. */
export interface Bindings {
  isBound(alias: string, column: string): boolean;
}

/**
 * Equality travels through join edges: `l.order_id = o.id` with `o.id = :order` pins `l.order_id`.
 * ORed or negated conditions pin nothing; IN lists pin several values, so they do not count either.
 */
export function bindingsOf(shape: QueryShape): Bindings {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const edge of shape.joins) if (!edge.inOr) union(key(edge.left.alias, edge.left.column), key(edge.right.alias, edge.right.column));
  const bound = new Set<string>();
  for (const p of shape.predicates) {
    if (p.inOr || p.negated || p.op !== 'eq' || p.expression || p.alias === undefined) continue;
    if (p.value.kind === 'param' || p.value.kind === 'constant' || p.value.kind === 'expression') bound.add(find(key(p.alias, p.column)));
  }
  return { isBound: (alias, column) => bound.has(find(key(alias, column))) };
}

const key = (alias: string, column: string) => `${alias}.${column}`;
