import type { Limits } from './greedy.js';
import { indexes, type Objective, type SizedCandidate } from './objective.js';

/** One query's atomic configurations: sets of at most two candidates (by position) and the query's cost with exactly them. */
export interface QueryOptions {
  readonly query: string;
  readonly weight: number;
  /** The empty option (no candidate) first. */
  readonly options: readonly { readonly members: readonly number[]; readonly cost: number }[];
}

/**
 * Per-query option tables (CoPhy's atomic configurations): the cost of each query with no
 * candidate, with each relevant candidate alone, and with each pair of them, by what-if calls.
 * With these, the cost of the query under any set is taken as the cheapest option inside the set:
 * exact whenever its best plan uses at most two of the candidates (one index per table of a
 * two-table join, or a bitmap AND of two). Options no cheaper than one of their subsets are dropped.
 */
export async function optionTables(objective: Objective, candidates: readonly SizedCandidate[], maxMembers = 2): Promise<QueryOptions[]> {
  const tables: QueryOptions[] = [];
  for (const query of objective.queries) {
    const relevant = candidates.flatMap((c, i) => (objective.costs.relevant(query, c.index) ? [i] : []));
    const sets: number[][] = [[], ...relevant.map((i) => [i])];
    if (maxMembers >= 2) for (let a = 0; a < relevant.length; a++) for (let b = a + 1; b < relevant.length; b++) sets.push([relevant[a]!, relevant[b]!]);
    const options: { members: number[]; cost: number }[] = [];
    for (const members of sets) {
      const plan = await objective.costs.plan(query, indexes(members.map((i) => candidates[i]!)));
      options.push({ members, cost: plan.cost });
    }
    const kept = options.filter(
      (o) => !options.some((p) => p !== o && p.members.length < o.members.length && p.members.every((m) => o.members.includes(m)) && p.cost <= o.cost),
    );
    tables.push({ query: query.id, weight: query.weight, options: kept });
  }
  return tables;
}

export interface ExactSolution {
  /** Positions of the chosen candidates. */
  readonly chosen: readonly number[];
  /** Σ weight × cheapest option inside the set, plus the set's upkeep. */
  readonly objective: number;
  /** The search finished: no set within the limits does better (over these option tables). */
  readonly proven: boolean;
  readonly nodes: number;
}

/**
 * The best set within the limits over the option tables, by branch and bound: candidates in order
 * of what they save alone, each taken or left; a branch is cut when even every candidate still
 * undecided, free and without limits, could not beat the best set found (starting from `incumbent`,
 * such as the greedy answer). `nodeLimit` bounds the work; `proven` says whether it was enough.
 */
export function solveExact(
  tables: readonly QueryOptions[],
  candidates: readonly SizedCandidate[],
  limits: Pick<Limits, 'budgetBytes' | 'maxIndexes'>,
  incumbent: readonly number[] = [],
  nodeLimit = 20_000_000,
): ExactSolution {
  const n = candidates.length;
  const useful = new Set(tables.flatMap((t) => t.options.flatMap((o) => o.members)));
  const alone = (c: number) =>
    tables.reduce((s, t) => {
      const base = t.options[0]!.cost;
      const best = Math.min(base, ...t.options.filter((o) => o.members.length === 1 && o.members[0] === c).map((o) => o.cost));
      return s + t.weight * (base - best);
    }, 0) - candidates[c]!.maintenance;
  const order = [...Array(n).keys()].filter((c) => useful.has(c)).sort((a, b) => alone(b) - alone(a) || a - b);
  const queriesOf: number[][] = Array.from({ length: n }, () => []);
  tables.forEach((t, q) => {
    for (const o of t.options) for (const m of o.members) if (!queriesOf[m]!.includes(q)) queriesOf[m]!.push(q);
  });

  const chosen = new Array<boolean>(n).fill(false);
  const excluded = new Array<boolean>(n).fill(false);
  const available = (c: number) => !excluded[c];
  const best = (q: number) => {
    let cost = Number.POSITIVE_INFINITY;
    for (const o of tables[q]!.options) if (o.members.every(available)) cost = Math.min(cost, o.cost);
    return tables[q]!.weight * cost;
  };
  // Per query: its cheapest cost with every candidate not excluded; their sum is the bound's read part.
  const perQuery = tables.map((_, q) => best(q));
  let readBound = perQuery.reduce((s, v) => s + v, 0);

  const evaluate = (set: readonly number[]) => {
    const inSet = new Set(set);
    const read = tables.reduce((s, t) => s + t.weight * Math.min(...t.options.filter((o) => o.members.every((m) => inSet.has(m))).map((o) => o.cost)), 0);
    return read + set.reduce((s, c) => s + candidates[c]!.maintenance, 0);
  };
  let bestSet = incumbent.filter((c) => useful.has(c));
  let bestValue = evaluate(bestSet);
  let nodes = 0;
  let stopped = false;

  const exclude = (c: number) => {
    excluded[c] = true;
    const saved: [number, number][] = [];
    for (const q of queriesOf[c]!) {
      saved.push([q, perQuery[q]!]);
      const v = best(q);
      readBound += v - perQuery[q]!;
      perQuery[q] = v;
    }
    return () => {
      excluded[c] = false;
      for (const [q, v] of saved) {
        readBound += v - perQuery[q]!;
        perQuery[q] = v;
      }
    };
  };

  const search = (depth: number, set: number[], bytes: number, upkeep: number) => {
    if (stopped) return;
    if (++nodes > nodeLimit) {
      stopped = true;
      return;
    }
    if (readBound + upkeep >= bestValue - 1e-9) return;
    // Nothing more can be taken: leave every undecided candidate out; the bound is then exact.
    const room = set.length < limits.maxIndexes && order.slice(depth).some((c) => bytes + candidates[c]!.bytes <= limits.budgetBytes);
    if (depth === order.length || !room) {
      const undo = order.slice(depth).map(exclude);
      const value = readBound + upkeep;
      if (value < bestValue - 1e-9) {
        bestValue = value;
        bestSet = [...set];
      }
      for (const u of undo.reverse()) u();
      return;
    }
    const c = order[depth]!;
    const size = candidates[c]!.bytes;
    if (bytes + size <= limits.budgetBytes) {
      chosen[c] = true;
      set.push(c);
      search(depth + 1, set, bytes + size, upkeep + candidates[c]!.maintenance);
      set.pop();
      chosen[c] = false;
    }
    const undo = exclude(c);
    search(depth + 1, set, bytes, upkeep);
    undo();
  };
  search(0, [], 0, 0);
  return { chosen: [...bestSet].sort((a, b) => a - b), objective: bestValue, proven: !stopped, nodes };
}
