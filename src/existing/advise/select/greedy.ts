import type { Objective, SizedCandidate } from './objective.js';

export interface Limits {
  /** Bytes the chosen indexes may take together (the storage model's sizes). */
  readonly budgetBytes: number;
  readonly maxIndexes: number;
  /** An index is only worth building when it lowers the objective by at least this much (planner units × weight). */
  readonly minImprovement: number;
}

export interface SearchProgress {
  readonly step: string;
  readonly chosen: number;
  readonly whatIfCalls: number;
}

const fits = (set: readonly SizedCandidate[], limits: Limits) => set.length <= limits.maxIndexes && set.reduce((s, c) => s + c.bytes, 0) <= limits.budgetBytes;

/** Candidates in a stable order for ties: their identity. */
const byKey = (a: SizedCandidate, b: SizedCandidate) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Greedy: add, one at a time, the candidate that lowers the objective most for each byte it takes
 * (`per-byte`) or most outright (`absolute`), while it fits the budget and the count and lowers
 * the objective by at least the minimum; from `start` when given.
 */
export async function greedy(
  objective: Objective,
  candidates: readonly SizedCandidate[],
  limits: Limits,
  rank: 'per-byte' | 'absolute',
  progress?: (p: SearchProgress) => void,
  start: readonly SizedCandidate[] = [],
): Promise<SizedCandidate[]> {
  const chosen: SizedCandidate[] = [...start];
  const pool = [...candidates].sort(byKey);
  for (;;) {
    let best: { candidate: SizedCandidate; gain: number; score: number } | undefined;
    for (const candidate of pool) {
      if (chosen.includes(candidate) || !fits([...chosen, candidate], limits)) continue;
      const gain = await objective.improvement(chosen, [...chosen, candidate]);
      if (gain < limits.minImprovement || gain <= 0) continue;
      const score = rank === 'per-byte' ? gain / Math.max(1, candidate.bytes) : gain;
      if (!best || score > best.score) best = { candidate, gain, score };
    }
    if (!best) return chosen;
    chosen.push(best.candidate);
    progress?.({ step: `${rank} greedy`, chosen: chosen.length, whatIfCalls: objective.costs.calls });
  }
}

/**
 * Local search from a set: replace one chosen index by one not chosen on the same table, or drop
 * one, whenever that lowers the objective and still fits; repeated until nothing improves (a few
 * rounds at most). Greedy by benefit per byte can fill a budget with small indexes; this lets a
 * larger, better one in.
 */
export async function improveBySwaps(
  objective: Objective,
  candidates: readonly SizedCandidate[],
  start: readonly SizedCandidate[],
  limits: Limits,
  progress?: (p: SearchProgress) => void,
  rounds = 3,
): Promise<SizedCandidate[]> {
  let set = [...start];
  const pool = [...candidates].sort(byKey);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const out of [...set].sort(byKey)) {
      if (!set.includes(out)) continue;
      const without = set.filter((c) => c !== out);
      // Dropping it: an index whose benefit others now give is only upkeep.
      if ((await objective.improvement(set, without)) > 0) {
        set = without;
        improved = true;
        continue;
      }
      let best: { set: SizedCandidate[]; gain: number } | undefined;
      for (const into of pool) {
        if (set.includes(into) || into.index.table !== out.index.table) continue;
        const next = [...without, into];
        if (!fits(next, limits)) continue;
        const gain = await objective.improvement(set, next);
        if (gain > 0 && (!best || gain > best.gain)) best = { set: next, gain };
      }
      if (best) {
        set = best.set;
        improved = true;
      }
    }
    // Room freed by a swap may take one more index.
    const grown = await greedy(objective, candidates, limits, 'per-byte', undefined, set);
    if (grown.length > set.length) {
      set = grown;
      improved = true;
    }
    progress?.({ step: `swaps, round ${round + 1}`, chosen: set.length, whatIfCalls: objective.costs.calls });
    if (!improved) break;
  }
  return set;
}
