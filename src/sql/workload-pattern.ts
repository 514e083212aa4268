import type { QueryShape } from './query-shape.js';

/** One access pattern with what the spec says about it, and its shape from the parser. */
export interface WorkloadPattern {
  readonly name: string;
  readonly ratePerSecond: number;
  readonly p99Seconds?: number;
  /** How stale a read may be, when the spec states it: replicas and caches may serve it within that. */
  readonly stalenessSeconds?: number;
  /** The span a parameter-bounded range typically covers, when the spec states it. */
  readonly windowSeconds?: number;
  readonly shape: QueryShape;
}
