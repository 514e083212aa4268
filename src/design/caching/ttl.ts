import type { CacheLayer, CachedPattern } from '../../model/parts/caching.js';

/** Share of the TTL taken off at random per entry (assumed default). */
export const TTL_JITTER_FRACTION = 0.1;
/** At a CDN, the last share of the staleness bound is served stale while one request revalidates. */
const STALE_WHILE_REVALIDATE_SHARE = 0.1;

export interface TtlPlan {
  readonly ttlSeconds: number;
  readonly ttlJitter: CachedPattern['ttlJitter'];
  readonly description: string;
}

/**
 * rule:cache-ttl-from-staleness. TTL = the pattern's staleness: the longest an answer may be old.
 * The jitter only shortens it (uniform in [TTL × (1 − 10%), TTL]), so no entry outlives the bound.
 */
export function ttlFromStaleness(layer: CacheLayer, stalenessSeconds: number): TtlPlan {
  const ttlSeconds = stalenessSeconds;
  if (layer === 'cdn') {
    const maxAge = Math.max(1, Math.floor(stalenessSeconds * (1 - STALE_WHILE_REVALIDATE_SHARE)));
    const swr = Math.max(0, stalenessSeconds - maxAge);
    return {
      ttlSeconds,
      ttlJitter: none(ttlSeconds),
      description: `\`Cache-Control: public, s-maxage=${maxAge}, stale-while-revalidate=${swr}\`: at most ${ttlSeconds} s old in total`,
    };
  }
  if (layer === 'materialized-view')
    return {
      ttlSeconds,
      ttlJitter: none(ttlSeconds),
      description: `the view is at most ${ttlSeconds} s old: refresh interval plus the refresh's own duration stay within it`,
    };
  const minSeconds = round(ttlSeconds * (1 - TTL_JITTER_FRACTION));
  return {
    ttlSeconds,
    ttlJitter: { fraction: TTL_JITTER_FRACTION, minSeconds, maxSeconds: ttlSeconds },
    description: `TTL ${ttlSeconds} s = the staleness, with −${TTL_JITTER_FRACTION * 100}% jitter (each entry ${minSeconds}–${ttlSeconds} s), so entries never outlive the bound`,
  };
}

const none = (ttl: number) => ({ fraction: 0, minSeconds: ttl, maxSeconds: ttl });
const round = (x: number) => Number(x.toFixed(1));
