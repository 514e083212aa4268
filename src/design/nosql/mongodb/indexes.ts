import type { MongoIndex } from '../../../model/parts/nosql.js';
import type { CollectionPlan } from './relationships.js';
import type { MongoQueryPlan } from './pattern-query.js';

type Key = { field: string; order: 1 | -1 };

/** MongoDB's own index name: `field_order` joined by `_` (`tenant_id_1_placed_at_-1`). */
const indexName = (keys: readonly Key[]) => keys.map((k) => `${k.field}_${k.order}`).join('_');

const isPrefix = (a: readonly Key[], b: readonly Key[]) => a.length <= b.length && a.every((k, i) => b[i]!.field === k.field && b[i]!.order === k.order);
const reversed = (keys: readonly Key[]): Key[] => keys.map((k) => ({ field: k.field, order: k.order === 1 ? -1 : 1 }));

/**
 * A collection's indexes: unique ones for the entity's key and uniques, then one per pattern in
 * equality-sort-range order (ESR). An index whose keys begin another's (in the same or the
 * reversed direction) is left out: the longer one serves it.
 */
export function collectionIndexes(plan: CollectionPlan, queries: readonly MongoQueryPlan[]): MongoIndex[] {
  const table = plan.table;
  const unique: MongoIndex[] = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)].map((columns, i) => {
    const keys = columns.map((field) => ({ field, order: 1 as const }));
    return {
      name: indexName(keys),
      keys,
      unique: true,
      patterns: [],
      reason: i === 0 ? `the ${table.name} key: one document per key` : `unique (${columns.join(', ')})`,
    };
  });
  const candidates: MongoIndex[] = [];
  for (const q of queries.filter((x) => x.collection === plan.name && x.esr)) {
    const esr = q.esr!;
    const keys: Key[] = [
      ...esr.equality.map((field) => ({ field, order: 1 as const })),
      ...esr.sort,
      ...esr.range.map((field) => ({ field, order: 1 as const })),
    ];
    if (!keys.length) continue;
    const reason = [
      esr.equality.length ? `equality ${esr.equality.join(', ')}` : '',
      esr.sort.length ? `sort ${esr.sort.map((s) => `${s.field} ${s.order === 1 ? 'asc' : 'desc'}`).join(', ')}` : '',
      esr.range.length ? `range ${esr.range.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(', then ');
    candidates.push({ name: indexName(keys), keys, unique: false, patterns: [q.pattern], reason: `ESR: ${reason}` });
  }
  const kept: MongoIndex[] = [...unique];
  // Longest first, so a shorter index finds the one that serves it already kept.
  for (const c of [...candidates].sort((a, b) => b.keys.length - a.keys.length)) {
    const covering = kept.find((o) => isPrefix(c.keys, o.keys) || isPrefix(reversed(c.keys), o.keys));
    if (!covering) {
      kept.push(c);
      continue;
    }
    for (const p of c.patterns) if (!covering.patterns.includes(p)) covering.patterns.push(p);
  }
  // Unique indexes first, then in the patterns' order.
  const order = (i: MongoIndex) => (i.unique ? -1 : Math.min(...i.patterns.map((p) => queries.findIndex((q) => q.pattern === p))));
  kept.sort((a, b) => order(a) - order(b));
  return kept;
}
