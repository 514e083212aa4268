import type { CacheLayer } from '../../model/parts/caching.js';

/**
 * rule:cache-stampede-protection. When a popular entry expires, every concurrent reader would
 * recompute it at once. One caller recomputes (single-flight), entries are refreshed a little
 * before they expire (XFetch: probabilistic early refresh), and jittered TTLs keep entries written
 * together from expiring together. A view is refreshed by one scheduled job: reads never miss.
 */
export function stampedeProtection(layer: CacheLayer): string[] {
  switch (layer) {
    case 'redis':
      return [
        'single-flight per key: the first miss takes a short lock (`SET <key>:lock 1 NX PX <recompute time × 2>`) and recomputes; the others wait briefly for the new value or serve the old one',
        'early probabilistic refresh (XFetch): a reader recomputes early when now − δ·β·ln(rand()) ≥ expiry (δ = last recompute time, β = 1), so hot keys are refreshed before they expire',
        'TTL jitter, so entries written together do not expire together',
      ];
    case 'in-process':
      return [
        'request coalescing: one in-flight promise per key in each instance; concurrent callers await it',
        'early probabilistic refresh (XFetch) in the background before expiry',
        'TTL jitter, so entries loaded together do not expire together',
      ];
    case 'cdn':
      return [
        'request collapsing at the edge and an origin shield: one origin fetch per key per TTL',
        'stale-while-revalidate for the last part of the staleness bound: visitors get the cached copy while one request refreshes it',
      ];
    case 'materialized-view':
      return [
        'none needed: reads never miss; one scheduled job (pg_cron) refreshes the view and skips a run while the previous one holds its advisory lock',
        'REFRESH … CONCURRENTLY lets reads continue on the old contents during the refresh',
      ];
  }
}
