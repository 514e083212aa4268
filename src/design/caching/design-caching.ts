import { formatCount } from '../../format.js';
import type { Decision, Evidence } from '../../model/decision.js';
import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import { formatBytes } from '../../format.js';
import { formatRate } from '../../format.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { approximateCount } from './approximate.js';
import { cacheKeyTemplate, type CacheKeyPlan } from './cache-key.js';
import { chooseCacheLayer, type LayerChoice } from './cache-layer.js';
import type { CachedPattern, Caching, NeverCached } from '../../model/parts/caching.js';
import { estimateHitRate } from './hit-rate.js';
import { planInvalidation } from './invalidation.js';
import { estimateKeySpace, type KeySpace } from './key-space.js';
import { assessMaterializedView } from './materialized-view.js';
import { neverCachedDecision, neverCachedPatterns } from './never-cached.js';
import { patternParameters, type PatternParameter } from './pattern-parameters.js';
import { checkPublicRead } from './public-read.js';
import { fixedRangeWindow } from './range-window.js';
import { ENTRY_OVERHEAD_BYTES, estimateResultSize } from './result-size.js';
import { stampedeProtection } from './stampede-protection.js';
import { TTL_JITTER_FRACTION, ttlFromStaleness, type TtlPlan } from './ttl.js';
import type { Dialect } from '../../dialects/dialect.js';

/** Reads without a p99 target are held to this (assumed). */
const DEFAULT_P99_SECONDS = 0.1;
/** Below this estimated hit rate a cache costs a network hop and memory on nearly every call for little gain. */
const MIN_HIT_RATE = 0.05;

export interface CachingDesign {
  readonly caching: Caching;
  readonly decisions: Decision[];
}

/**
 * Caching for the reads that tolerate staleness: per pattern a layer, a key, a TTL from the
 * staleness, invalidation from the writes, stampede protection and an estimated hit rate; and one
 * decision listing what is not cached and why. Pure: the same inputs give the same output.
 */
export interface CachingOptions {
  /**
   * Set when one primary serves the whole load with room to spare (the scaling plan's vCPU need):
   * then no read is worth a cache, which would be another store to run and a staleness to explain.
   */
  readonly primaryHasRoom?: string;
}

export function designCaching(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[], dialect: Dialect, options: CachingOptions = {}): CachingDesign {
  const cached: CachedPattern[] = [];
  const decisions: Decision[] = [];
  const notWorthCaching = new Map<string, Omit<NeverCached, 'pattern'>>();
  for (const pattern of workload) {
    const stated = spec.accessPatterns.find((p) => p.name === pattern.name);
    if (!stated?.staleness || pattern.shape.kind !== 'select') continue;
    // A pattern modeling pre-aggregates is served by its view: a cache on top would be a second copy with a second staleness.
    const view = (schema.views ?? []).find((v) => v.origin === `modeling/aggregate/${pattern.name}`);
    if (view) {
      notWorthCaching.set(pattern.name, {
        reason: 'pre-aggregated',
        detail: `it reads the pre-aggregate ${view.name}, refreshed every ${view.refreshEverySeconds} s, which already bounds its cost; a cache on top would be a second copy with a second staleness`,
      });
      continue;
    }
    if (options.primaryHasRoom) {
      notWorthCaching.set(pattern.name, { reason: 'primary-has-room', detail: options.primaryHasRoom });
      continue;
    }
    const parameters = patternParameters(stated.sql, pattern.shape);
    const keys = estimateKeySpace(parameters, schema, spec.requirements.tenants);
    if (keys.unbounded) {
      notWorthCaching.set(pattern.name, {
        reason: 'keys-never-repeat',
        detail: `${keys.basis.join('; ')}: calls would rarely share an entry; round the bound to the staleness (e.g. date_trunc('minute', …)) in the application to make them share`,
      });
      continue;
    }
    const outcome = cachePattern(spec, schema, workload, pattern, parameters, keys, stated.staleness.seconds, dialect);
    if (outcome.kind === 'not-worth-it') {
      notWorthCaching.set(pattern.name, { reason: 'low-hit-rate', detail: outcome.detail });
      continue;
    }
    cached.push(outcome.entry);
    decisions.push(outcome.decision);
  }
  const neverCached = neverCachedPatterns(spec, workload, notWorthCaching);
  const never = neverCachedDecision(spec, neverCached);
  if (never) decisions.push(never);
  const queriesRemovedPerSecond = round(cached.reduce((sum, c) => sum + c.estimate.queriesRemovedPerSecond, 0));
  return { caching: { cached, neverCached, queriesRemovedPerSecond }, decisions };
}

type CacheOutcome =
  | { readonly kind: 'cached'; readonly entry: CachedPattern; readonly decision: Decision }
  | { readonly kind: 'not-worth-it'; readonly detail: string };

function cachePattern(
  spec: Spec,
  schema: Schema,
  workload: readonly WorkloadPattern[],
  pattern: WorkloadPattern,
  parameters: readonly PatternParameter[],
  keys: KeySpace,
  stalenessSeconds: number,
  dialect: Dialect,
): CacheOutcome {
  const tenants = spec.requirements.tenants;
  const window = fixedRangeWindow(pattern.shape);
  const hit = estimateHitRate(pattern.ratePerSecond, stalenessSeconds, keys);
  const result = estimateResultSize(pattern, schema, tenants, window, dialect.storage);
  const memoryBytes = Math.ceil(hit.keysTouchedPerTtl * (result.valueBytes + ENTRY_OVERHEAD_BYTES));
  const view = assessMaterializedView(pattern.name, pattern.shape, parameters, keys, window, schema, stalenessSeconds, dialect);
  const choice = chooseCacheLayer({
    ratePerSecond: pattern.ratePerSecond,
    p99Seconds: pattern.p99Seconds ?? DEFAULT_P99_SECONDS,
    p99Stated: pattern.p99Seconds !== undefined,
    keys,
    hit,
    memoryBytes,
    publicRead: checkPublicRead(pattern.shape, parameters, schema),
    view,
  });
  const layer = choice.layer;
  const materializedView = layer === 'materialized-view' && view.applicable ? view.view : undefined;
  if (!materializedView && hit.hitRate < MIN_HIT_RATE)
    return {
      kind: 'not-worth-it',
      detail: `estimated hit rate ${pct(hit.hitRate)}: ${formatCount(round(hit.requestsPerTtl))} requests per TTL over ${formatCount(keys.distinctKeys)} keys (uniform access); a cache would add a hop and memory on nearly every call — measure the real key skew before adding one`,
    };

  const ttl = ttlFromStaleness(layer, stalenessSeconds);
  const key = cacheKeyTemplate(spec.name, pattern.name, layer, parameters, materializedView);
  const invalidation = planInvalidation(pattern.shape, layer, parameters, keys, ttl.ttlSeconds, workload);
  // A view answers every read; its cost moves to the scheduled refresh.
  const hitRate = materializedView ? 1 : hit.hitRate;
  const entry: CachedPattern = {
    pattern: pattern.name,
    layer,
    key: key.key,
    stalenessSeconds,
    ttlSeconds: ttl.ttlSeconds,
    ttlJitter: ttl.ttlJitter,
    invalidation,
    stampedeProtection: stampedeProtection(layer),
    estimate: {
      distinctKeys: keys.distinctKeys,
      unboundedKeys: keys.unbounded,
      requestsPerTtl: round(hit.requestsPerTtl),
      keysTouchedPerTtl: hit.keysTouchedPerTtl,
      hitRate,
      queriesRemovedPerSecond: round(pattern.ratePerSecond * hitRate),
      valueBytes: result.valueBytes,
      memoryBytes: materializedView ? 0 : memoryBytes,
      basis: [
        ...keys.basis,
        `${formatCount(round(hit.requestsPerTtl))} requests per TTL touch ~${approximateCount(hit.keysTouchedPerTtl)} of ${formatCount(keys.distinctKeys)} keys (uniform access: a pessimistic estimate; skewed traffic hits more)`,
        `result: ${result.basis}`,
        ...(view.applicable ? [`view sizing: ${view.basis}`] : []),
      ],
    },
    ...(materializedView ? { materializedView } : {}),
  };
  return { kind: 'cached', entry, decision: cacheDecision(entry, choice, key, ttl, pattern.ratePerSecond) };
}

function cacheDecision(entry: CachedPattern, choice: LayerChoice, key: CacheKeyPlan, ttl: TtlPlan, rate: number): Decision {
  const { invalidation, estimate, materializedView: view } = entry;
  const writeLines = invalidation.writes.map((w) => `${w.pattern} (${formatRate(w.ratePerSecond)}, writes \`${w.table}\`): ${w.action} — ${w.reason}.`);
  const quiet = invalidation.tablesWithoutWritePatterns.length
    ? [
        `No write pattern of the spec writes ${invalidation.tablesWithoutWritePatterns.map((t) => `\`${t}\``).join(', ')}: changes made there are bounded by the TTL alone.`,
      ]
    : [];
  const viewLines = view
    ? [
        `View \`${view.name}\`: ${view.definition}. Refresh with \`${view.refreshStatement}\` every ${view.refreshEverySeconds} s (pg_cron), so refresh interval + one refresh (~${view.refreshSeconds} s) ≤ the staleness; it keeps ~${pct(view.refreshSeconds / view.refreshEverySeconds)} of one core busy.`,
        `CONCURRENTLY needs a unique index: \`${view.uniqueIndexDdl}\`.`,
      ]
    : [];
  const estimateLine = view
    ? `Every read (${formatRate(rate)}) is answered from the view instead of aggregating \`${view.baseTable}\` rows: ~${formatRate(estimate.queriesRemovedPerSecond)} of aggregates removed (estimate).`
    : `Expected hit rate ~${pct(estimate.hitRate)} (estimate: hit ≈ 1 − keys touched per TTL / (rate × TTL), uniform access), removing ~${formatRate(estimate.queriesRemovedPerSecond)} of ${formatRate(rate)} from the database; ~${formatBytes(estimate.memoryBytes)} of cache memory.`;
  const evidence: Evidence[] = [
    { tier: 'derived', source: 'rule:cache-layer', detail: choice.reasons.join(' ') },
    { tier: 'derived', source: 'rule:cache-key-from-parameters', detail: `key \`${entry.key}\`` },
    { tier: 'derived', source: 'rule:cache-ttl-from-staleness', detail: `TTL = staleness = ${entry.stalenessSeconds} s` },
    {
      tier: 'derived',
      source: 'rule:cache-invalidation-from-writes',
      detail: invalidation.writes.length
        ? `write patterns on the tables read: ${invalidation.writes.map((w) => w.pattern).join(', ')}`
        : 'no write pattern writes the tables read; TTL expiry only',
    },
    { tier: 'derived', source: 'rule:cache-hit-rate-estimate', detail: estimate.basis.join('; ') },
    ...(entry.ttlJitter.fraction > 0
      ? [{ tier: 'assumed' as const, source: 'default:cache-ttl-jitter', detail: `−${TTL_JITTER_FRACTION * 100}% TTL jitter` }]
      : []),
    ...choice.assumptions.map((a) => ({ tier: 'assumed' as const, source: 'default:cache-layer', detail: a })),
  ];
  return {
    id: `caching/${entry.pattern}`,
    area: 'caching',
    title: `${entry.pattern}: ${LAYER_TITLE[entry.layer]}, TTL ${entry.ttlSeconds} s`,
    choice: `${LAYER_TITLE[entry.layer]}; key \`${entry.key}\`; TTL ${entry.ttlSeconds} s; invalidated by TTL expiry${invalidation.writes.length ? ` and ${invalidation.writes.map((w) => `${w.pattern} (${w.action})`).join(', ')}` : ''}`,
    rationale: [
      ...choice.reasons,
      `Key \`${entry.key}\`: ${key.description}.`,
      `${ttl.description}.`,
      ...writeLines,
      ...quiet,
      `Stampede protection: ${entry.stampedeProtection.join('; ')}.`,
      ...viewLines,
      estimateLine,
    ],
    alternatives: [...choice.alternatives],
    evidence,
    patterns: [entry.pattern, ...invalidation.writes.map((w) => w.pattern)],
  };
}

const LAYER_TITLE: Readonly<Record<CachedPattern['layer'], string>> = {
  'materialized-view': 'materialized view',
  cdn: 'CDN',
  'in-process': 'in-process cache',
  redis: 'Redis',
};

const round = (x: number) => Number(x.toPrecision(4));
const pct = (share: number) => `${Number((share * 100).toPrecision(2))}%`;
