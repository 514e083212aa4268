import type { Index } from '../../../model/schema.js';
import type { ColumnName, ColumnUse, QueryShape } from '../../../sql/query-shape.js';
import type { Relevance } from '../whatif/cost-cache.js';

/**
 * Columns the query filters, joins, sorts, groups or aggregates by, per table: the ones whose index
 * the planner can use for it (a projected column alone leads to no index scan worth having).
 */
export function referencedColumns(shape: QueryShape): Map<string, Set<string>> {
  const tableOf = new Map(shape.tables.map((t) => [t.alias, t.table]));
  const out = new Map<string, Set<string>>();
  const add = (c: { alias?: string; table?: string; column?: string } | undefined) => {
    if (!c?.column) return;
    const table = c.table ?? (c.alias !== undefined ? tableOf.get(c.alias) : undefined) ?? (shape.tables.length === 1 ? shape.tables[0]!.table : undefined);
    if (!table) return;
    const set = out.get(table) ?? new Set<string>();
    set.add(c.column);
    out.set(table, set);
  };
  const use = (u: ColumnUse) => {
    add(u);
    for (const r of u.refs ?? ([] as readonly ColumnName[])) add(r);
  };
  for (const p of shape.predicates) add(p);
  for (const j of shape.joins) {
    add(j.left);
    add(j.right);
  }
  for (const o of shape.orderBy) use(o);
  for (const g of shape.groupBy) use(g);
  for (const a of shape.aggregates) if (a.column) use(a.column);
  return out;
}

/** The columns an index's first key reads: the column, or those named in its expression. */
function leadingColumns(index: Index, among: ReadonlySet<string>): boolean {
  const first = index.keys[0];
  if (!first) return false;
  if (first.column !== undefined) return among.has(first.column);
  const text = first.expression ?? '';
  return [...among].some((c) => new RegExp(`(^|[^\\w])${c.replace(/[^\w]/g, '')}([^\\w]|$)`).test(text));
}

/**
 * A candidate can change a query's plan when the query reads its table and filters, joins, sorts,
 * groups or aggregates by the column its first key reads: the relevance the what-if cache keys on.
 */
export const leadingColumnRelevance: Relevance = (query, index) => {
  const columns = referencedColumns(query.shape).get(index.table);
  return columns !== undefined && leadingColumns(index, columns);
};
