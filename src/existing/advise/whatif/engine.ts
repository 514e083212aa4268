import type { Index } from '../../../model/schema.js';
import type { WorkloadQuery } from '../workload/workload.js';
import type { PlanCost } from './plan-cost.js';

/**
 * A planner that can be asked "what would this query cost with these indexes": hypothetical
 * indexes (hypopg) on a server, or real builds inside a transaction that is rolled back (PGlite).
 * Either way the database's own tables and indexes are never changed.
 */
export interface WhatIfEngine {
  readonly method: 'hypopg' | 'rolled-back-builds';
  /** Whether existing indexes can be hidden from the planner, to cost dropping them (hypopg 1.3 cannot). */
  readonly canHide: boolean;
  /** The planner sees the database's indexes but `hidden`, and of the candidates exactly `indexes`. */
  configure(indexes: readonly Index[], hidden?: readonly string[]): Promise<void>;
  /** The plan of one query under the current configuration; index names are the model's (candidates' and existing). */
  explain(query: Pick<WorkloadQuery, 'sql' | 'parameters'>): Promise<PlanCost>;
  /** Bytes of a candidate the engine really built (undefined where it only imagines them). */
  builtBytes(name: string): Promise<number | undefined>;
  close(): Promise<void>;
}

/** The engine cannot do what-if costing here (an extension missing); the message says how to fix it. */
export class WhatIfUnavailable extends Error {}
