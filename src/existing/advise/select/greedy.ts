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

const bytesOf = (set: readonly SizedCandidate[]) => set.reduce((s, c) => s + c.bytes, 0);
const fits = (set: readonly SizedCandidate[], limits: Limits) => set.length <= limits.maxIndexes && bytesOf(set) <= limits.budgetBytes;

/** Candidates in a stable order for ties: their identity. */
const byKey = (a: SizedCandidate, b: SizedCandidate) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Greedy: add, one at a time, the candidate that lowers the objective most for each byte it takes
 * (`per-byte`) or most outright (`absolute`), while it fits the budget and the count and lowers
 * the objective by at least the minimum; from `start` when given. Lazy (as CELF): a candidate's
 * gain is computed again only when it comes to the top, since a gain seldom grows as the set
 * does; that spares most what-if calls after the first round.
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
  const score = (c: SizedCandidate, gain: number) => (rank === 'per-byte' ? gain / Math.max(1, c.bytes) : gain);
  /** Each open candidate's last gain and the size of the set it was computed against. */
  const open = new Map<SizedCandidate, { gain: number; at: number }>();
  for (const candidate of [...candidates].sort(byKey)) {
    if (chosen.includes(candidate) || !fits([...chosen, candidate], limits)) continue;
    open.set(candidate, { gain: await objective.improvement(chosen, [...chosen, candidate]), at: chosen.length });
  }
  for (;;) {
    const ranked = [...open].sort(([a, x], [b, y]) => score(b, y.gain) - score(a, x.gain) || byKey(a, b));
    const top = ranked[0];
    if (!top) return chosen;
    const [candidate, entry] = top;
    if (!fits([...chosen, candidate], limits)) {
      open.delete(candidate);
      continue;
    }
    if (entry.at !== chosen.length) {
      open.set(candidate, { gain: await objective.improvement(chosen, [...chosen, candidate]), at: chosen.length });
      continue;
    }
    // The best fresh gain: no other candidate's (older, larger-or-equal) gain beats it.
    if (entry.gain < limits.minImprovement || entry.gain <= 0) return chosen;
    chosen.push(candidate);
    open.delete(candidate);
    progress?.({ step: `${rank} greedy`, chosen: chosen.length, whatIfCalls: objective.costs.calls });
  }
}

/**
 * Local search from a set, a few rounds until nothing improves: drop an index whose benefit others
 * now give; replace one by another of the same table; and let a candidate in by evicting the
 * chosen indexes that are worth least per byte until it fits. The last move is what greedy by
 * benefit per byte lacks: it fills a budget with small indexes where one larger index is worth
 * more than several of them (TPC-H's lineitem).
 */
export async function improveBySwaps(
  objective: Objective,
  candidates: readonly SizedCandidate[],
  start: readonly SizedCandidate[],
  limits: Limits,
  progress?: (p: SearchProgress) => void,
  rounds = 2,
): Promise<SizedCandidate[]> {
  let set = [...start];
  const pool = [...candidates].sort(byKey);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const out of [...set].sort(byKey)) {
      if (!set.includes(out)) continue;
      const without = set.filter((c) => c !== out);
      const worth = -(await objective.improvement(set, without));
      if (worth < 0) {
        set = without;
        improved = true;
        continue;
      }
      let best: { set: SizedCandidate[]; gain: number } | undefined;
      // A replacement serves some query the replaced index serves.
      const served = new Set(objective.queriesFor(out).map((q) => q.id));
      for (const into of pool) {
        if (set.includes(into) || into.index.table !== out.index.table || !objective.queriesFor(into).some((q) => served.has(q.id))) continue;
        // What it saves on its own bounds what it can save in out's place (a gain seldom grows with the set).
        if ((await alone(objective, into)) <= worth) continue;
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
    if (await letInByEviction(objective, pool, set, limits).then((next) => next && ((set = next), true))) improved = true;
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

/** What a candidate saves with no other candidate: the greedy's first round, so from the cache. */
const alone = (objective: Objective, candidate: SizedCandidate) => objective.improvement([], [candidate]);

/**
 * Tries each candidate left out that does not fit beside the set: in with it, and out with the
 * chosen indexes of least value per byte (each one's loss measured once, against the whole set)
 * until the rest fits. The first such exchange that lowers the objective most is made; undefined
 * when none does.
 */
async function letInByEviction(
  objective: Objective,
  pool: readonly SizedCandidate[],
  set: readonly SizedCandidate[],
  limits: Limits,
): Promise<SizedCandidate[] | undefined> {
  if (set.length === 0) return undefined;
  const value = new Map<SizedCandidate, number>();
  for (const c of set)
    value.set(
      c,
      await objective.improvement(
        set.filter((x) => x !== c),
        set,
      ),
    );
  const cheapest = [...set].sort((a, b) => value.get(a)! / Math.max(1, a.bytes) - value.get(b)! / Math.max(1, b.bytes) || byKey(a, b));
  let best: { set: SizedCandidate[]; gain: number } | undefined;
  for (const into of pool) {
    if (set.includes(into) || fits([...set, into], limits) || into.bytes > limits.budgetBytes) continue;
    let next = [...set, into];
    for (const out of cheapest) {
      if (fits(next, limits)) break;
      next = next.filter((c) => c !== out);
    }
    if (!fits(next, limits)) continue;
    // What it saves on its own bounds what it can save in place of the evicted.
    const evicted = set.filter((c) => !next.includes(c)).reduce((s, c) => s + value.get(c)!, 0);
    if ((await alone(objective, into)) <= evicted) continue;
    const gain = await objective.improvement(set, next);
    if (gain > 0 && (!best || gain > best.gain)) best = { set: next, gain };
  }
  return best?.set;
}
