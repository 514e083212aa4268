/**
 * A Dexter-like baseline, after the rule of the popular tool: for each query, every column it
 * filters, joins, sorts or groups by on each table, alone and in ordered pairs, as hypothetical
 * indexes all at once; an index the plan then reads is kept when it cuts the query's cost by at
 * least half. It weighs no storage and no writes; under a budget its picks are taken by the cost
 * they cut until the budget is full.
 */
import type { CandidateIndex, SearchSpace, SizedCandidate } from '../../src/existing/advise/select/index.js';
import { identity, referencedColumns } from '../../src/existing/advise/select/index.js';
import type { WhatIfCosts } from '../../src/existing/advise/whatif/index.js';
import type { Index } from '../../src/model/schema.js';

export interface DexterPick {
  readonly candidate: SizedCandidate;
  /** Weighted cost cut of the queries whose plans read it (each query's cut counted once, shared among its indexes). */
  readonly gain: number;
}

const REQUIRED_CUT = 0.5;

export async function dexterLike(space: SearchSpace, costs: WhatIfCosts): Promise<DexterPick[]> {
  const byKey = new Map<string, CandidateIndex>();
  for (const query of space.queries)
    for (const [table, columns] of referencedColumns(query.shape)) {
      const list = [...columns].sort();
      const keys = [...list.map((c) => [c]), ...list.flatMap((a) => list.filter((b) => b !== a).map((b) => [a, b]))];
      for (const key of keys) {
        const index: Index = {
          name: '',
          table,
          keys: key.map((column) => ({ column })),
          include: [],
          where: [],
          method: 'btree',
          unique: false,
          reason: 'dexter-like',
        };
        const id = identity(index);
        if (!byKey.has(id)) byKey.set(id, { index: { ...index, name: `dexter_${byKey.size + 1}` }, key: id, askedBy: [query.id] });
      }
    }
  const all = space.sized([...byKey.values()]);
  const gains = new Map<SizedCandidate, number>();
  for (const query of space.queries) {
    const plan = await costs.plan(
      query,
      all.map((c) => c.index),
    );
    const before = space.baseline.get(query.id)!.cost;
    if (plan.cost > before * (1 - REQUIRED_CUT)) continue;
    const used = all.filter((c) => plan.indexesUsed.includes(c.index.name));
    for (const c of used) gains.set(c, (gains.get(c) ?? 0) + (query.weight * (before - plan.cost)) / used.length);
  }
  return [...gains].map(([candidate, gain]) => ({ candidate, gain })).sort((a, b) => b.gain - a.gain || (a.candidate.key < b.candidate.key ? -1 : 1));
}

/** The picks that fit a budget, taken by the cost they cut. */
export function dexterWithin(picks: readonly DexterPick[], budgetBytes: number): SizedCandidate[] {
  const out: SizedCandidate[] = [];
  let used = 0;
  for (const p of picks) {
    if (used + p.candidate.bytes > budgetBytes) continue;
    out.push(p.candidate);
    used += p.candidate.bytes;
  }
  return out;
}
