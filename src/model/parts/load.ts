import { z } from 'zod';

/**
 * The load part of design.json: what each access pattern costs and what each table takes, computed
 * once (design/workload/plan-load.ts) and read by every analysis that sizes something: technology,
 * scaling, caching, capacity and the consistency check.
 */
export const patternLoadSchema = z.object({
  name: z.string(),
  kind: z.enum(['read', 'write']),
  ratePerSecond: z.number(),
  /** For writes: the table written. */
  table: z.string().optional(),
  /** Rows (index entries and heap rows) one call reads, at the horizon's volumes. */
  rowsPerCall: z.number(),
  rowsBasis: z.array(z.string()),
  /** Cost of one call in simple-query units (one indexed point lookup, ~0.5 ms of a vCPU). */
  unitsPerCall: z.number(),
  unitsPerSecond: z.number(),
  /** `estimate`: from the row estimates; `measured`: from the engine's execution time in verify. */
  source: z.enum(['estimate', 'measured']),
  /** The execution time verify measured (median), when the source is `measured`. */
  measuredMs: z.number().optional(),
  stalenessSeconds: z.number().optional(),
  p99Seconds: z.number().optional(),
  /** Inserts the spec's growth implies where no write pattern inserts into the table. */
  implied: z.boolean(),
});

export const tableLoadSchema = z.object({
  table: z.string(),
  readsPerSecond: z.number(),
  /** Rows (inserted) per second at peak: the larger of the insert patterns and the table's growth. */
  insertsPerSecond: z.number(),
  /** The spec's growth spread evenly over a month: the average, which sets sizes and WAL a day. */
  averageInsertsPerSecond: z.number(),
  updatesPerSecond: z.number(),
  deletesPerSecond: z.number(),
  insertSource: z.enum(['patterns', 'growth', 'none']),
});

export const loadSchema = z.object({
  /** The volumes the row estimates use. */
  rowsAt: z.string(),
  rules: z.array(z.string()),
  patterns: z.array(patternLoadSchema),
  tables: z.array(tableLoadSchema),
  totals: z.object({
    readsPerSecond: z.number(),
    /** Inserts (at peak), updates and deletes over all tables. */
    writesPerSecond: z.number(),
    unitsPerSecond: z.number(),
    readUnitsPerSecond: z.number(),
    writeUnitsPerSecond: z.number(),
  }),
});

export type PatternLoad = z.infer<typeof patternLoadSchema>;
export type TableLoad = z.infer<typeof tableLoadSchema>;
export type Load = z.infer<typeof loadSchema>;
