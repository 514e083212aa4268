/**
 * What-if costing for the index advisor: what a query would cost with a set of indexes, on
 * PostgreSQL (hypopg's hypothetical indexes) or PGlite (real builds in a transaction rolled back),
 * cached per query by the indexes of its tables; sizes from our storage model; write upkeep priced
 * in the planner's units.
 */
export type { WhatIfEngine } from './engine.js';
export { WhatIfUnavailable } from './engine.js';
export { startHypopg } from './hypopg.js';
export { startRolledBackBuilds } from './rolled-back-builds.js';
export { WhatIfCosts, tablesOf, type Relevance } from './cost-cache.js';
export { explainQuery, readCostConstants, PINNED_SETTINGS, type CostConstants } from './explain.js';
export { planCostOf, type PlanCost } from './plan-cost.js';
export { createIndexSql, createIndexConcurrentlySql } from './index-sql.js';
export { estimateIndexSizes } from './index-size.js';
export { maintenancePerRow, writeTouches } from './maintenance.js';
