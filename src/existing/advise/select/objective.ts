import type { Index } from '../../../model/schema.js';
import type { WhatIfCosts } from '../whatif/cost-cache.js';
import type { PlanCost } from '../whatif/plan-cost.js';
import type { WorkloadQuery } from '../workload/workload.js';
import type { CandidateIndex } from './candidates.js';

/** A candidate with what it takes: bytes (the storage model's) and its write upkeep, weighted like the queries. */
export interface SizedCandidate extends CandidateIndex {
  readonly bytes: number;
  /** Σ over the workload's writes of weight × rows written × the upkeep of one entry (maintenance.ts). */
  readonly maintenance: number;
}

/**
 * What the search minimizes: the workload's weighted plan cost with a set of candidates, plus the
 * write upkeep of those candidates (both in the planner's units, times the weights). Differences
 * between two sets are computed over the queries the changed candidates can matter to only.
 */
export class Objective {
  constructor(
    readonly queries: readonly WorkloadQuery[],
    readonly costs: WhatIfCosts,
  ) {}

  /** Queries a candidate can change the plan of. */
  queriesFor(candidate: SizedCandidate): WorkloadQuery[] {
    return this.queries.filter((q) => this.costs.relevant(q, candidate.index));
  }

  async plans(set: readonly SizedCandidate[], hidden: readonly Index[] = []): Promise<Map<string, PlanCost>> {
    return this.costs.plans(this.queries, indexes(set), hidden);
  }

  /** Σ weight × cost over the workload, and the upkeep of the set. */
  async total(set: readonly SizedCandidate[]): Promise<{ read: number; maintenance: number; total: number }> {
    const plans = await this.plans(set);
    const read = this.queries.reduce((s, q) => s + q.weight * plans.get(q.id)!.cost, 0);
    const maintenance = set.reduce((s, c) => s + c.maintenance, 0);
    return { read, maintenance, total: read + maintenance };
  }

  /** How much lower the objective is with `to` than with `from` (positive: `to` is better). */
  async improvement(from: readonly SizedCandidate[], to: readonly SizedCandidate[]): Promise<number> {
    const changed = [...from.filter((c) => !to.includes(c)), ...to.filter((c) => !from.includes(c))];
    const touched = this.queries.filter((q) => changed.some((c) => this.costs.relevant(q, c.index)));
    const [before, after] = [await this.costs.plans(touched, indexes(from)), await this.costs.plans(touched, indexes(to))];
    const read = touched.reduce((s, q) => s + q.weight * (before.get(q.id)!.cost - after.get(q.id)!.cost), 0);
    const upkeep = to.reduce((s, c) => s + c.maintenance, 0) - from.reduce((s, c) => s + c.maintenance, 0);
    return read - upkeep;
  }
}

export const indexes = (set: readonly SizedCandidate[]): Index[] => set.map((c) => c.index);
