/** Technology selection: which store(s) a spec calls for, scored against a sourced catalog. */
export { selectTechnology, type TechnologySelection } from './select-technology.js';
export { TECHNOLOGY_CATALOG, catalogEngine, enginesInFamily } from './catalog.js';
export type { EngineProfile, EngineFamily, ManagedOffering, CloudProvider, Claim } from './engine-profile.js';
export { deriveWorkloadFeatures, type WorkloadFeatures } from './workload-features.js';
export type { RankedEngine, CriterionScore, CriterionWeight } from './rank-engines.js';
export type { PolyglotStore, PolyglotRole } from './polyglot.js';
export type { ConsistencyTradeoff } from './tradeoff.js';
export { TECHNOLOGY_RULE } from './technology-decisions.js';
