/** Selection for the index advisor: candidates from query shapes, a budgeted search, drop proposals. */
export {
  adviseIndexes,
  searchGreedy,
  searchSpace,
  MIN_IMPROVEMENT_SHARE,
  type SearchSpace,
  type Advice,
  type AdviceInput,
  type AdviseSettings,
  type QueryAdvice,
  type Recommendation,
} from './advise-indexes.js';
export { workloadCandidates, identity, type CandidateIndex } from './candidates.js';
export { proposeDrops, type DropProposal } from './drops.js';
export { optionTables, solveExact, type ExactSolution, type QueryOptions } from './exact.js';
export { greedy, improveBySwaps, type Limits } from './greedy.js';
export { Objective, type SizedCandidate } from './objective.js';
export { leadingColumnRelevance, referencedColumns } from './relevance.js';
