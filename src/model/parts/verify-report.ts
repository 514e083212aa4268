import { z } from 'zod';
import { diagnosticSchema } from '../design.js';

const seqScanSchema = z.object({ table: z.string(), rows: z.number(), pages: z.number() });

const runSchema = z.object({
  indexesUsed: z.array(z.string()),
  seqScans: z.array(seqScanSchema),
  nodeTypes: z.array(z.string()),
  totalCost: z.number(),
  medianMs: z.number(),
  p90Ms: z.number(),
  maxMs: z.number(),
});

export const patternResultSchema = runSchema.extend({
  name: z.string(),
  kind: z.string(),
  ratePerSecond: z.number(),
  p99TargetMs: z.number().optional(),
  /** The measured median already exceeds the target at the seeded scale. */
  exceedsP99: z.boolean(),
  without: runSchema,
  /** Median without the derived indexes divided by median with them. */
  speedup: z.number(),
  parameters: z.array(z.string()),
});

const sweepSchema = z.object({
  scales: z.array(z.object({ largestRows: z.number(), totalRows: z.number(), tenants: z.number().optional() })),
  horizon: z.string(),
  patterns: z.array(
    z.object({
      name: z.string(),
      xLabel: z.string(),
      points: z.array(z.object({ x: z.number(), medianMs: z.number(), maxMs: z.number() })),
      model: z.enum(['constant', 'logarithmic', 'linear']),
      a: z.number(),
      b: z.number(),
      rmseMs: z.number(),
      xAtHorizon: z.number(),
      predictedMedianMs: z.number(),
      predictedP99Ms: z.number(),
      p99TargetMs: z.number().optional(),
      holds: z.boolean().optional(),
    }),
  ),
});

const sizeCheckSchema = z.object({ table: z.string(), estimatedBytes: z.number(), measuredBytes: z.number(), errorPct: z.number() });

/** The capacity model at the seeded row counts against the engine's own sizes. */
const capacityCheckSchema = z.object({
  basis: z.string(),
  tables: z.array(sizeCheckSchema),
  total: sizeCheckSchema.omit({ table: true }),
});

/** verify.json: what the engine did with the design. Its JSON Schema is docs/verify.schema.json. */
export const verifyReportSchema = z.object({
  engine: z.string(),
  seed: z.object({
    seed: z.number(),
    factor: z.number(),
    totalRows: z.number(),
    tables: z.array(z.object({ table: z.string(), rows: z.number(), pages: z.number(), specRows: z.number().optional(), basis: z.string() })),
  }),
  runs: z.number(),
  parameterSets: z.number(),
  patterns: z.array(patternResultSchema),
  indexes: z.array(z.object({ name: z.string(), table: z.string(), usedBy: z.array(z.string()), reason: z.string() })),
  findings: z.array(diagnosticSchema),
  capacity: capacityCheckSchema,
  /** With --sweep: latency measured at several scales, fitted and extrapolated to the horizon. */
  sweep: sweepSchema.optional(),
});

export type VerifyReport = z.infer<typeof verifyReportSchema>;
export type PatternResult = z.infer<typeof patternResultSchema>;
