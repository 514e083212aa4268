import { REQUIREMENT_CRITERIA } from './criteria/requirement-criteria.js';
import { WORKLOAD_CRITERIA } from './criteria/workload-criteria.js';
import type { Criterion } from './criteria/criterion.js';
import type { EngineFamily, EngineProfile } from './engine-profile.js';
import { hostingFor } from './hosting.js';
import type { WorkloadFeatures } from './workload-features.js';

export interface CriterionScore {
  readonly name: string;
  /** In [0, 1]. */
  readonly score: number;
  readonly weight: number;
  readonly why: string;
}

export interface RankedEngine {
  readonly id: string;
  readonly name: string;
  readonly family: EngineFamily;
  /** Weighted mean of the criteria, 0-100. */
  readonly score: number;
  readonly criteria: readonly CriterionScore[];
  /** Hard limits broken; an engine with any cannot be chosen. */
  readonly disqualifiers: readonly string[];
}

export interface CriterionWeight {
  readonly name: string;
  readonly weight: number;
  readonly why: string;
}

export const PRIMARY_STORE_CRITERIA: readonly Criterion[] = [...REQUIREMENT_CRITERIA, ...WORKLOAD_CRITERIA];

export function criterionWeights(criteria: readonly Criterion[], features: WorkloadFeatures): CriterionWeight[] {
  return criteria.map((c) => {
    const { weight, why } = c.weight(features);
    return { name: c.name, weight: round(weight, 2), why };
  });
}

/**
 * Scores every engine on every criterion and orders them: engines that meet every hard requirement
 * first, then by score, then by id, so the order is total and the same on every run.
 */
export function rankEngines(
  engines: readonly EngineProfile[],
  features: WorkloadFeatures,
  criteria: readonly Criterion[],
  disqualify: (engine: EngineProfile, features: WorkloadFeatures) => string[],
): RankedEngine[] {
  const weights = criterionWeights(criteria, features);
  const totalWeight = weights.reduce((a, w) => a + w.weight, 0);
  const ranked = engines.map((engine): RankedEngine => {
    const context = { engine, hosting: hostingFor(engine, features.requirements) };
    const scores = criteria.map((c, i) => {
      const { score, why } = c.judge(context, features);
      return { name: c.name, score: round(score, 2), weight: weights[i]!.weight, why };
    });
    const weighted = scores.reduce((a, s) => a + s.score * s.weight, 0);
    return {
      id: engine.id,
      name: engine.name,
      family: engine.family,
      score: totalWeight > 0 ? round((100 * weighted) / totalWeight, 1) : 0,
      criteria: scores,
      disqualifiers: disqualify(engine, features),
    };
  });
  return ranked.sort((a, b) => Number(a.disqualifiers.length > 0) - Number(b.disqualifiers.length > 0) || b.score - a.score || byText(a.id, b.id));
}

/** The criteria on which `loser` fell furthest behind `winner`, weighted: what made it lose. */
export function lostOn(loser: RankedEngine, winner: RankedEngine, count = 2): CriterionScore[] {
  return loser.criteria
    .map((c, i) => ({ c, gap: (winner.criteria[i]!.score - c.score) * c.weight }))
    .filter((g) => g.gap > 0)
    .sort((a, b) => b.gap - a.gap || byText(a.c.name, b.c.name))
    .slice(0, count)
    .map((g) => g.c);
}

/** The criteria that contributed most to an engine's score. */
export function strongestOn(engine: RankedEngine, count = 3): CriterionScore[] {
  return [...engine.criteria]
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.score * b.weight - a.score * a.weight || byText(a.name, b.name))
    .slice(0, count);
}

/** Code-point order: the same on every machine, unlike localeCompare. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
