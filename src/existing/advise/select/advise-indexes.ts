import { VolumeStatistics } from '../../../design/indexes/statistics.js';
import type { Dialect } from '../../../dialects/dialect.js';
import type { IndexSizeEstimate } from '../../../dialects/storage.js';
import type { ColumnStats } from '../../../model/measured.js';
import type { Index, Schema } from '../../../model/schema.js';
import { WhatIfCosts } from '../whatif/cost-cache.js';
import type { WhatIfEngine } from '../whatif/engine.js';
import type { CostConstants } from '../whatif/explain.js';
import { createIndexConcurrentlySql } from '../whatif/index-sql.js';
import { estimateIndexSizes } from '../whatif/index-size.js';
import { maintenancePerRow, writeTouches } from '../whatif/maintenance.js';
import type { PlanCost } from '../whatif/plan-cost.js';
import type { Workload, WorkloadQuery } from '../workload/workload.js';
import { type CandidateIndex, workloadCandidates } from './candidates.js';
import { proposeDrops, type DropProposal } from './drops.js';
import { optionTables, solveExact } from './exact.js';
import { greedy, improveBySwaps, type Limits } from './greedy.js';
import { Objective, type SizedCandidate } from './objective.js';
import { leadingColumnRelevance } from './relevance.js';

export interface AdviseSettings {
  /** Bytes the recommended indexes may take together (default: no limit). */
  readonly budgetBytes?: number;
  /** At most this many recommendations (default: no limit). */
  readonly maxIndexes?: number;
  /** An index must lower the workload's cost by this share of it to be recommended (default 1%). */
  readonly minImprovementShare?: number;
  /** `greedy` (benefit per byte, then swaps; the default) or `exact` (option tables and branch and bound: more what-if calls). */
  readonly search?: 'greedy' | 'exact';
  readonly onProgress?: (line: string) => void;
}

export interface AdviceInput {
  readonly dialect: Dialect;
  readonly schema: Schema;
  readonly workload: Workload;
  readonly engine: WhatIfEngine;
  readonly constants: CostConstants;
  /** Rows of each table, as the catalog counts them. */
  readonly rows: ReadonlyMap<string, number>;
  readonly columnStats?: ColumnStats;
  /** The server counts index scans (pg_stat_all_indexes): an index it saw scanned is never called unused. */
  readonly usageCounted: boolean;
}

export interface Recommendation {
  readonly index: Index;
  /** CREATE INDEX CONCURRENTLY …: builds it without blocking writes. */
  readonly sql: string;
  /** The storage model's size. */
  readonly bytes: number;
  /** Its size as really built, where the engine built it (PGlite). */
  readonly builtBytes?: number;
  /** Write upkeep it adds (weighted, planner units). */
  readonly writeCost: number;
  /** Queries whose plans read it, with their cost (one call) before and after the recommendations. */
  readonly helps: readonly { readonly query: string; readonly before: number; readonly after: number }[];
  readonly askedBy: readonly string[];
}

export interface QueryAdvice {
  readonly id: string;
  readonly sql: string;
  readonly weight: number;
  readonly before: number;
  readonly after: number;
  readonly indexesBefore: readonly string[];
  readonly indexesAfter: readonly string[];
}

export interface Advice {
  readonly method: WhatIfEngine['method'];
  readonly search: 'greedy' | 'exact';
  readonly weightUnit: Workload['weightUnit'];
  readonly recommendations: readonly Recommendation[];
  readonly drops: readonly DropProposal[];
  readonly queries: readonly QueryAdvice[];
  /** Σ weight × plan cost, plus the upkeep of the recommended indexes after; before and after the recommendations. */
  readonly cost: { readonly before: number; readonly after: number; readonly readBefore: number; readonly readAfter: number; readonly upkeepAfter: number };
  /** Queries the planner would not plan (an unknown column, an untyped parameter), with its message. */
  readonly unplanned: readonly { readonly id: string; readonly sql: string; readonly reason: string }[];
  readonly candidates: number;
  readonly whatIfCalls: number;
  /** Whether the exact search proved its set the best over its option tables (exact search only). */
  readonly proven?: boolean;
}

/** The default share of the workload's cost an index must save to be recommended. */
export const MIN_IMPROVEMENT_SHARE = 0.01;

/**
 * The index advice for a workload: candidates from its query shapes, what-if costs per query,
 * the best set within the budget and the count (greedy by benefit per byte and by benefit,
 * improved by swaps; or exact over per-query option tables), the queries each recommendation
 * helps with their cost before and after, and the indexes worth dropping with what each costs.
 * Never changes the database: the engine imagines or builds-and-rolls-back every index.
 */
export async function adviseIndexes(input: AdviceInput, settings: AdviseSettings = {}): Promise<Advice> {
  const progress = settings.onProgress ?? (() => undefined);
  const costs = new WhatIfCosts(input.engine, leadingColumnRelevance);
  const space = await searchSpace(input, costs, progress);
  const { queries, unplanned, baseline, candidates, objective, readBefore, upkeep } = space;
  const limits: Limits = {
    budgetBytes: settings.budgetBytes ?? Number.POSITIVE_INFINITY,
    maxIndexes: settings.maxIndexes ?? Number.POSITIVE_INFINITY,
    minImprovement: readBefore * (settings.minImprovementShare ?? MIN_IMPROVEMENT_SHARE),
  };
  const report = (p: { step: string; chosen: number; whatIfCalls: number }) => progress(`${p.step}: ${p.chosen} chosen, ${p.whatIfCalls} what-if calls`);
  const search = settings.search ?? 'greedy';
  let chosen = await searchGreedy(objective, candidates, limits, report);
  let proven: boolean | undefined;
  if (search === 'exact') {
    progress('per-query option tables for the exact search');
    const tables = await optionTables(objective, candidates);
    const solution = solveExact(
      tables,
      candidates,
      limits,
      chosen.map((c) => candidates.indexOf(c)),
    );
    proven = solution.proven;
    chosen = solution.chosen.map((i) => candidates[i]!);
  }
  // Every recommendation is read by some plan: one that none reads (its benefit taken by another) goes.
  let plans = await objective.plans(chosen);
  for (;;) {
    const unread = chosen.filter((c) => !queries.some((q) => plans.get(q.id)!.indexesUsed.includes(c.index.name)));
    if (unread.length === 0) break;
    chosen = chosen.filter((c) => !unread.includes(c));
    plans = await objective.plans(chosen);
  }

  const readAfter = queries.reduce((s, q) => s + q.weight * plans.get(q.id)!.cost, 0);
  const upkeepAfter = chosen.reduce((s, c) => s + c.maintenance, 0);
  const recommendations: Recommendation[] = [];
  for (const c of chosen) {
    const built = await input.engine.builtBytes(c.index.name);
    const helps = queries
      .filter((q) => plans.get(q.id)!.indexesUsed.includes(c.index.name))
      .map((q) => ({ query: q.id, before: baseline.get(q.id)!.cost, after: plans.get(q.id)!.cost }));
    recommendations.push({
      index: c.index,
      sql: createIndexConcurrentlySql(input.dialect, input.schema, c.index),
      bytes: c.bytes,
      ...(built !== undefined ? { builtBytes: built } : {}),
      writeCost: c.maintenance,
      helps,
      askedBy: c.askedBy,
    });
  }
  const saved = (r: Recommendation) => r.helps.reduce((s, h) => s + queries.find((q) => q.id === h.query)!.weight * (h.before - h.after), 0);
  recommendations.sort((a, b) => saved(b) - saved(a) || (a.index.name < b.index.name ? -1 : 1));

  progress('weighing the existing indexes for drops');
  const existingSizes = estimateIndexSizes(
    input.dialect.storage,
    input.schema,
    input.rows,
    input.schema.tables.flatMap((t) => t.indexes),
    input.columnStats,
  );
  const drops = await proposeDrops({
    schema: input.schema,
    queries,
    costs,
    canHide: input.engine.canHide,
    recommended: chosen.map((c) => c.index),
    plans,
    upkeepOf: (index) => upkeep(index, existingSizes.get(index.name)),
    sizeOf: (index) => (index.stats ? { bytes: index.stats.bytes, basis: 'measured' } : { bytes: existingSizes.get(index.name)?.bytes ?? 0, basis: 'model' }),
    usageCounted: input.usageCounted,
  });

  return {
    method: input.engine.method,
    search,
    weightUnit: input.workload.weightUnit,
    recommendations,
    drops,
    queries: queries.map((q) => ({
      id: q.id,
      sql: q.sql,
      weight: q.weight,
      before: baseline.get(q.id)!.cost,
      after: plans.get(q.id)!.cost,
      indexesBefore: baseline.get(q.id)!.indexesUsed,
      indexesAfter: plans.get(q.id)!.indexesUsed,
    })),
    cost: { before: readBefore, after: readAfter + upkeepAfter, readBefore, readAfter, upkeepAfter },
    unplanned,
    candidates: candidates.length,
    whatIfCalls: costs.calls,
    ...(proven !== undefined ? { proven } : {}),
  };
}

/** What a search over a workload works with: the plannable queries, their plans with the existing indexes, the sized candidates. */
export interface SearchSpace {
  readonly queries: readonly WorkloadQuery[];
  readonly unplanned: readonly { readonly id: string; readonly sql: string; readonly reason: string }[];
  readonly baseline: ReadonlyMap<string, PlanCost>;
  readonly candidates: readonly SizedCandidate[];
  readonly objective: Objective;
  /** Σ weight × plan cost with the existing indexes. */
  readonly readBefore: number;
  /** The weighted write upkeep of an index (0 without a size). */
  readonly upkeep: (index: Index, size: IndexSizeEstimate | undefined) => number;
  /** Sizes (the storage model's) and upkeep of any indexes, as the candidates got theirs. */
  readonly sized: (indexes: readonly CandidateIndex[]) => SizedCandidate[];
}

/**
 * The plans of the workload with the database's own indexes (a query the planner refuses is left
 * out, with why), and the candidates from its shapes, each with its size and write upkeep.
 */
export async function searchSpace(input: AdviceInput, costs: WhatIfCosts, progress: (line: string) => void = () => undefined): Promise<SearchSpace> {
  progress(`planning ${input.workload.queries.length} queries with the existing indexes`);
  const queries: WorkloadQuery[] = [];
  const unplanned: { id: string; sql: string; reason: string }[] = [];
  const baseline = new Map<string, PlanCost>();
  for (const query of input.workload.queries) {
    try {
      baseline.set(query.id, await costs.plan(query, []));
      queries.push(query);
    } catch (error) {
      unplanned.push({ id: query.id, sql: query.sql, reason: (error as Error).message ?? String(error) });
    }
  }
  const stats = new VolumeStatistics(input.schema, undefined, input.rows);
  const methods = new Set<Index['method']>(input.engine.method === 'hypopg' ? ['btree', 'brin', 'hash'] : ['btree', 'brin', 'hash', 'gin']);
  const upkeep = (index: Index, size: IndexSizeEstimate | undefined) =>
    size === undefined
      ? 0
      : queries.reduce(
          (s, q) =>
            s +
            (q.write && writeTouches(index, q.write) ? q.weight * Math.max(1, baseline.get(q.id)!.writtenRows) * maintenancePerRow(size, input.constants) : 0),
          0,
        );
  const sized = (found: readonly CandidateIndex[]): SizedCandidate[] => {
    const sizes = estimateIndexSizes(
      input.dialect.storage,
      input.schema,
      input.rows,
      found.map((c) => c.index),
      input.columnStats,
    );
    return found.map((c) => ({ ...c, bytes: sizes.get(c.index.name)?.bytes ?? 0, maintenance: upkeep(c.index, sizes.get(c.index.name)) }));
  };
  const candidates = sized(workloadCandidates(queries, input.schema, stats, { methods }));
  progress(`${candidates.length} candidate indexes from the query shapes`);
  const readBefore = queries.reduce((s, q) => s + q.weight * baseline.get(q.id)!.cost, 0);
  return { queries, unplanned, baseline, candidates, objective: new Objective(queries, costs), readBefore, upkeep, sized };
}

/**
 * Greedy by benefit per byte, improved by swaps; and greedy by benefit, improved by swaps only when
 * it starts out better (each pass of swaps costs what-if calls). The better of the two.
 */
export async function searchGreedy(
  objective: Objective,
  candidates: readonly SizedCandidate[],
  limits: Limits,
  progress?: (p: { step: string; chosen: number; whatIfCalls: number }) => void,
): Promise<SizedCandidate[]> {
  const perByte = await improveBySwaps(objective, candidates, await greedy(objective, candidates, limits, 'per-byte', progress), limits, progress);
  const best = { set: perByte, total: (await objective.total(perByte)).total };
  const absolute = await greedy(objective, candidates, limits, 'absolute', progress);
  if ((await objective.total(absolute)).total < best.total - 1e-9) {
    const improved = await improveBySwaps(objective, candidates, absolute, limits, progress);
    const total = (await objective.total(improved)).total;
    if (total < best.total - 1e-9) return improved;
  }
  return best.set;
}
