import { formatCount } from '../../format.js';
import { approximateCount } from './approximate.js';
import { formatBytes } from '../../format.js';
import type { CacheLayer } from '../../model/parts/caching.js';
import type { HitRateEstimate } from './hit-rate.js';
import type { KeySpace } from './key-space.js';
import type { MaterializedViewAssessment } from './materialized-view.js';
import type { PublicReadCheck } from './public-read.js';

/** Application instances each holding their own in-process cache (the spec does not say). */
export const ASSUMED_APP_INSTANCES = 4;
/** An in-process cache must hold every key in each instance: small key spaces only. */
const IN_PROCESS_MAX_KEYS = 10_000;
const IN_PROCESS_MAX_BYTES = 64 * 1024 * 1024;
/** Each instance must see a key this often per TTL for its private copy to pay off. */
const IN_PROCESS_MIN_REQUESTS_PER_KEY = 10;
/** A p99 target holds through cache misses only if fewer than 1% of reads miss. */
const P99_MISS_SHARE = 0.01;

export interface LayerInputs {
  readonly ratePerSecond: number;
  readonly p99Seconds: number;
  readonly p99Stated: boolean;
  readonly keys: KeySpace;
  readonly hit: HitRateEstimate;
  readonly memoryBytes: number;
  readonly publicRead: PublicReadCheck;
  readonly view: MaterializedViewAssessment;
}

export interface LayerChoice {
  readonly layer: CacheLayer;
  readonly reasons: readonly string[];
  readonly alternatives: readonly { readonly option: string; readonly rejectedBecause: string }[];
  readonly assumptions: readonly string[];
}

const LABEL: Readonly<Record<CacheLayer, string>> = {
  'materialized-view': 'materialized view',
  cdn: 'CDN (HTTP cache at the edge)',
  'in-process': 'in-process application cache',
  redis: 'Redis (shared cache)',
};

/**
 * rule:cache-layer. The first layer that fits, in this order: a materialized view for an aggregate
 * too slow to run on a miss; a CDN for a read that is the same for every visitor; an in-process
 * cache for a small, hot key space; otherwise Redis, shared by all application instances.
 */
export function chooseCacheLayer(inputs: LayerInputs): LayerChoice {
  const verdicts: readonly { layer: CacheLayer; fits: boolean; why: string; assumption?: string }[] = [
    viewVerdict(inputs),
    {
      layer: 'cdn',
      fits: inputs.publicRead.isPublic,
      why: inputs.publicRead.reason,
      ...(inputs.publicRead.isPublic ? { assumption: 'the endpoint serving this read needs no authentication (the spec cannot say)' } : {}),
    },
    inProcessVerdict(inputs),
    { layer: 'redis', fits: true, why: 'one shared copy per key for every application instance, so each key misses once per TTL however many instances run' },
  ];
  const chosen = verdicts.find((v) => v.fits)!;
  const p99 = inputs.p99Stated ? '' : ` (no p99 in the spec: ${inputs.p99Seconds * 1000} ms assumed)`;
  const assumptions = [
    ...(chosen.assumption ? [chosen.assumption] : []),
    ...(p99 ? [`p99${p99}`] : []),
    ...(chosen.layer === 'in-process' ? [`${ASSUMED_APP_INSTANCES} application instances`] : []),
  ];
  return {
    layer: chosen.layer,
    reasons: [`${LABEL[chosen.layer]}: ${chosen.why}.`],
    alternatives: verdicts
      .filter((v) => v.layer !== chosen.layer)
      .map((v) => ({
        option: LABEL[v.layer],
        rejectedBecause: v.fits ? `it would fit, but the ${LABEL[chosen.layer]} comes first in the order of preference (see the choice)` : v.why,
      })),
    assumptions,
  };
}

function viewVerdict({ view, hit, p99Seconds }: LayerInputs): { layer: CacheLayer; fits: boolean; why: string } {
  if (!view.applicable) return { layer: 'materialized-view', fits: false, why: view.reason };
  const missShare = 1 - hit.hitRate;
  const miss = `one miss aggregates ~${approximateCount(view.rowsPerCall)} rows (~${seconds(view.missSeconds)})`;
  if (view.missSeconds <= p99Seconds)
    return {
      layer: 'materialized-view',
      fits: false,
      why: `${miss}, within the p99 of ${seconds(p99Seconds)}: a cache in front of the query is enough, and a view would re-aggregate all ${approximateCount(view.rowsInWindow)} rows of the window on every refresh`,
    };
  if (missShare <= P99_MISS_SHARE)
    return {
      layer: 'materialized-view',
      fits: false,
      why: `${miss}, over the p99 of ${seconds(p99Seconds)}, but only ${pct(missShare)} of reads miss (p99 holds while misses stay under 1%)`,
    };
  // The next refresh cannot start before the last one ends: a refresh may take at most half the bound.
  if (view.view.refreshSeconds > view.view.refreshEverySeconds)
    return {
      layer: 'materialized-view',
      fits: false,
      why: `${miss}, over the p99, but one refresh would take ~${seconds(view.view.refreshSeconds)}, more than half the staleness bound: keep a rollup table updated by the writes instead`,
    };
  return {
    layer: 'materialized-view',
    fits: true,
    why: `${miss}, over the p99 of ${seconds(p99Seconds)}, and ${pct(missShare)} of reads would miss a cache; the view answers every read from precomputed rows, and one refresh (~${seconds(view.view.refreshSeconds)}) every ${view.view.refreshEverySeconds} s keeps it within the bound`,
  };
}

function inProcessVerdict({ keys, hit, memoryBytes }: LayerInputs): { layer: CacheLayer; fits: boolean; why: string } {
  if (keys.unbounded) return { layer: 'in-process', fits: false, why: 'its keys vary per call, so private copies in each instance would rarely be reused' };
  if (keys.distinctKeys > IN_PROCESS_MAX_KEYS)
    return {
      layer: 'in-process',
      fits: false,
      why: `${formatCount(keys.distinctKeys)} keys are too many to hold in every instance (limit ${formatCount(IN_PROCESS_MAX_KEYS)})`,
    };
  if (memoryBytes > IN_PROCESS_MAX_BYTES)
    return {
      layer: 'in-process',
      fits: false,
      why: `~${formatBytes(memoryBytes)} per instance is too much for the heap (limit ${formatBytes(IN_PROCESS_MAX_BYTES)})`,
    };
  const perInstance = hit.requestsPerTtl / keys.distinctKeys / ASSUMED_APP_INSTANCES;
  if (perInstance < IN_PROCESS_MIN_REQUESTS_PER_KEY)
    return {
      layer: 'in-process',
      fits: false,
      why: `each of ${ASSUMED_APP_INSTANCES} instances would see a key ~${round(perInstance)} times per TTL (< ${IN_PROCESS_MIN_REQUESTS_PER_KEY}): private copies would miss ${ASSUMED_APP_INSTANCES}× as often as one shared copy`,
    };
  return {
    layer: 'in-process',
    fits: true,
    why: `${formatCount(keys.distinctKeys)} keys (~${formatBytes(memoryBytes)}) fit in every instance and each sees a key ~${round(perInstance)} times per TTL: no network hop on a hit`,
  };
}

const seconds = (s: number) => (s < 1 ? `${Number((s * 1000).toPrecision(3))} ms` : `${Number(s.toPrecision(3))} s`);
const pct = (share: number) => `${Number((share * 100).toPrecision(3))}%`;
const round = (x: number) => Number(x.toPrecision(2));
