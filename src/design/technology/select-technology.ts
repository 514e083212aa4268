import type { Load } from '../../model/parts/load.js';
import type { Decision } from '../../model/decision.js';
import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { TECHNOLOGY_CATALOG } from './catalog.js';
import { primaryStoreDisqualifiers } from './disqualifiers.js';
import { recommendPolyglot, type PolyglotStore } from './polyglot.js';
import { criterionWeights, PRIMARY_STORE_CRITERIA, rankEngines, type CriterionWeight, type RankedEngine } from './rank-engines.js';
import { technologyDecisions } from './technology-decisions.js';
import { tradeoffFor, type ConsistencyTradeoff } from './tradeoff.js';
import { deriveWorkloadFeatures } from './workload-features.js';
import type { StorageModel } from '../../dialects/storage.js';

export interface TechnologySelection {
  /** Catalog id of the primary store. */
  readonly choice: string;
  /** Every catalog engine: qualified ones first, by score; then the disqualified, by score. */
  readonly ranking: readonly RankedEngine[];
  /** The weight of each criterion for this spec and why; the same for every engine. */
  readonly weights: readonly CriterionWeight[];
  readonly tradeoff: ConsistencyTradeoff;
  readonly polyglot: readonly PolyglotStore[];
  readonly decisions: readonly Decision[];
}

/**
 * Chooses the primary store (and any side stores the workload clearly needs) from the catalog: a
 * pure, deterministic function of the spec, its model and its parsed access patterns.
 */
export function selectTechnology(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[], load: Load, storage: StorageModel): TechnologySelection {
  const features = deriveWorkloadFeatures(spec, schema, workload, load, storage);
  const ranking = rankEngines(TECHNOLOGY_CATALOG, features, PRIMARY_STORE_CRITERIA, primaryStoreDisqualifiers);
  // The order puts qualified engines first; with none qualified the best-scoring one is still named, with its disqualifiers.
  const chosen = ranking[0]!;
  const engine = TECHNOLOGY_CATALOG.find((e) => e.id === chosen.id)!;
  const tradeoff = tradeoffFor(engine, features);
  const polyglot = recommendPolyglot(engine, features);
  const weights = criterionWeights(PRIMARY_STORE_CRITERIA, features);
  const decisions = technologyDecisions({ features, ranking, weights, chosen, engine, tradeoff, polyglot, allPatterns: workload.map((p) => p.name) });
  return { choice: engine.id, ranking, weights, tradeoff, polyglot: polyglot.map((p) => p.store), decisions };
}
