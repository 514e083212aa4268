import { z } from 'zod';

/**
 * The caching part of design.json: per stale-tolerant read, where its result is kept, under which key,
 * for how long, what invalidates it and what it is expected to save; and the reads that must never be
 * cached. Defined with zod so design.json's JSON Schema can be generated from it.
 */
export const cacheLayerSchema = z.enum(['in-process', 'redis', 'materialized-view', 'cdn']);

export const cacheWriteInvalidationSchema = z.object({
  /** The write pattern whose target table the cached read reads. */
  pattern: z.string(),
  table: z.string(),
  ratePerSecond: z.number(),
  action: z.enum(['delete-key-after-commit', 'expire-by-ttl', 'next-refresh', 'purge-url']),
  reason: z.string(),
});

export const cacheInvalidationSchema = z.object({
  /** Entries always expire after the TTL, whatever the writes do. */
  ttlExpiry: z.boolean(),
  writes: z.array(cacheWriteInvalidationSchema),
  /** Tables the read reads that no write pattern of the spec writes: only the TTL bounds their changes. */
  tablesWithoutWritePatterns: z.array(z.string()),
});

export const materializedViewSchema = z.object({
  name: z.string(),
  /** What the view selects, in words: the pattern's query without its parameter filters, grouped by their columns. */
  definition: z.string(),
  baseTable: z.string(),
  /** Parameter columns and GROUP BY outputs: one row per key, required by REFRESH … CONCURRENTLY. */
  uniqueKey: z.array(z.string()),
  uniqueIndexDdl: z.string(),
  refreshStatement: z.string(),
  /** Between refresh starts: the staleness minus one refresh, so the view's data is never older than the bound. */
  refreshEverySeconds: z.number(),
  /** Estimated duration of one refresh (rows in the window × per-row cost). */
  refreshSeconds: z.number(),
});

export const cacheEstimateSchema = z.object({
  distinctKeys: z.number(),
  /** A parameter bounds a range: values differ from call to call, so entries are rarely shared. */
  unboundedKeys: z.boolean(),
  requestsPerTtl: z.number(),
  keysTouchedPerTtl: z.number(),
  /** An estimate: uniform access over the keys (real traffic is skewed, so usually higher). */
  hitRate: z.number(),
  /** Queries the database no longer runs: rate × hit rate (for a view: the aggregates it replaces). */
  queriesRemovedPerSecond: z.number(),
  valueBytes: z.number(),
  memoryBytes: z.number(),
  basis: z.array(z.string()),
});

export const cachedPatternSchema = z.object({
  pattern: z.string(),
  layer: cacheLayerSchema,
  /** Key template: namespaced by spec and pattern, versioned, one segment per parameter in order. */
  key: z.string(),
  stalenessSeconds: z.number(),
  ttlSeconds: z.number(),
  /** TTLs are drawn from [min, max] so entries written together do not expire together; max never exceeds the staleness. */
  ttlJitter: z.object({ fraction: z.number(), minSeconds: z.number(), maxSeconds: z.number() }),
  invalidation: cacheInvalidationSchema,
  stampedeProtection: z.array(z.string()),
  estimate: cacheEstimateSchema,
  materializedView: materializedViewSchema.optional(),
});

export const neverCachedSchema = z.object({
  pattern: z.string(),
  reason: z.enum(['read-your-writes', 'no-staleness-bound', 'keys-never-repeat', 'low-hit-rate', 'primary-has-room', 'pre-aggregated', 'write']),
  detail: z.string(),
});

export const cachingSchema = z.object({
  cached: z.array(cachedPatternSchema),
  neverCached: z.array(neverCachedSchema),
  /** Sum over the cached patterns: the read load caching is expected to take off the database. */
  queriesRemovedPerSecond: z.number(),
});

export type CacheLayer = z.infer<typeof cacheLayerSchema>;
export type CacheWriteInvalidation = z.infer<typeof cacheWriteInvalidationSchema>;
export type CacheInvalidation = z.infer<typeof cacheInvalidationSchema>;
export type MaterializedView = z.infer<typeof materializedViewSchema>;
export type CacheEstimate = z.infer<typeof cacheEstimateSchema>;
export type CachedPattern = z.infer<typeof cachedPatternSchema>;
export type NeverCached = z.infer<typeof neverCachedSchema>;
export type Caching = z.infer<typeof cachingSchema>;
