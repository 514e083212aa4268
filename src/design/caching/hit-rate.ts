import type { KeySpace } from './key-space.js';

export interface HitRateEstimate {
  /** Requests in one TTL window: rate × TTL. */
  readonly requestsPerTtl: number;
  /** Distinct keys those requests touch; each costs one miss per window. */
  readonly keysTouchedPerTtl: number;
  readonly hitRate: number;
}

/**
 * rule:cache-hit-rate-estimate. hit ≈ 1 − keysTouchedPerTtl / (rate × TTL). Under uniform access,
 * N requests over K keys touch K·(1 − e^(−N/K)) distinct keys; keys that vary per call (ranges) are
 * touched once per request. Uniform access is the pessimistic case: real traffic is skewed towards
 * popular keys, so the true hit rate is usually higher. An estimate, not a measurement.
 */
export function estimateHitRate(ratePerSecond: number, ttlSeconds: number, keys: KeySpace): HitRateEstimate {
  const requestsPerTtl = ratePerSecond * ttlSeconds;
  if (requestsPerTtl <= 0) return { requestsPerTtl: 0, keysTouchedPerTtl: 0, hitRate: 0 };
  const keysTouchedPerTtl = keys.unbounded ? requestsPerTtl : keys.distinctKeys * -Math.expm1(-requestsPerTtl / keys.distinctKeys);
  const hitRate = clamp(1 - keysTouchedPerTtl / requestsPerTtl, 0, 1);
  return { requestsPerTtl, keysTouchedPerTtl: round(keysTouchedPerTtl, 1), hitRate: round(hitRate, 3) };
}

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
const round = (x: number, digits: number) => Number(x.toFixed(digits));
