import type { Spec } from '../../spec/spec.js';

export interface ConnectionAssumptions {
  /** Application instances (assumed 4 when not given). */
  readonly appInstances: number;
  /** Connections each instance's pool holds (assumed 10 when not given). */
  readonly poolSize: number;
}

export interface ConnectionPlan extends ConnectionAssumptions {
  readonly pooled: number;
  readonly busyUpperBound: number;
  readonly maxConnections: number;
}

/** superuser_reserved_connections' default: kept free for an administrator. */
const RESERVED = 3;
/** Service time assumed for a pattern without a p99 target. */
const DEFAULT_SERVICE_SECONDS = 0.01;

/**
 * Connections: the pools' total (instances × pool size), checked against Little's law over the
 * access patterns (busy connections = Σ rate × time in the database, the p99 target standing in for
 * the time: an upper bound). max_connections covers the larger of the two plus the reserved ones.
 */
export function planConnections(spec: Spec, assumptions: ConnectionAssumptions): ConnectionPlan {
  const pooled = assumptions.appInstances * assumptions.poolSize;
  const busy = spec.accessPatterns.reduce((sum, p) => sum + p.rate.perSecond * (p.p99?.seconds ?? DEFAULT_SERVICE_SECONDS), 0);
  const busyUpperBound = Math.round(busy * 100) / 100;
  return { ...assumptions, pooled, busyUpperBound, maxConnections: Math.max(pooled, Math.ceil(busy)) + RESERVED };
}
