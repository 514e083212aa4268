export { discoverTableDependencies, type FunctionalDependency, type SampledTable, type TableDependencies } from './discover.js';
export { tane, type FoundDependency, type TaneOptions, type TaneResult } from './tane.js';
