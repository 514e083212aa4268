import { z } from 'zod';

/**
 * The scaling part of design.json: the instance, read replicas, connection pooling, whether one
 * primary node suffices (and the shard plan when it does not), the isolation level of each write and
 * where retries need an idempotency key. Defined with zod so design.json's JSON Schema can be
 * generated from it.
 */
const limitSchema = z.object({ value: z.number(), limit: z.number() });

export const instanceSchema = z.object({
  /** The one primary, or each worker when the data is sharded. */
  role: z.enum(['primary', 'worker']),
  vcpu: z.number(),
  memoryGiB: z.number(),
  /** Load in simple indexed queries per second (the unit the per-vCPU rule of thumb counts). */
  loadUnitsPerSecond: z.number(),
  vcpuNeeded: z.number(),
  hotSetBytes: z.number(),
  memoryNeededGiB: z.number(),
  basis: z.array(z.string()),
});

export const replicasSchema = z.object({
  count: z.number(),
  /** Reads whose staleness tolerates the replica lag: they may go to replicas. */
  eligiblePatterns: z.array(z.string()),
  /** Reads that need the primary (read-your-writes). */
  primaryOnlyPatterns: z.array(z.string()),
  assumedLagSeconds: z.number(),
  /** A hot standby for failover, apart from the read replicas. */
  standby: z.boolean(),
  reason: z.string(),
});

export const poolingSchema = z.object({
  /** `none`: the load is too small for a pooler to pay for itself; the applications connect directly. */
  pooler: z.enum(['PgBouncer', 'none']),
  mode: z.enum(['transaction', 'direct']),
  /** Server connections per node: (cores × 2) + effective spindles. */
  serverPoolSize: z.number(),
  maxConnections: z.number(),
  appPoolPerInstance: z.number(),
  maxClientConnections: z.number(),
  /** Little's law with each pattern's p99 as its time in the database: an upper bound on queries in flight. */
  peakConcurrentQueries: z.number(),
  basis: z.array(z.string()),
});

export const singleNodeSchema = z.object({
  fits: z.boolean(),
  writesPerSecond: limitSchema,
  dataBytesAtHorizon: limitSchema,
  hotSetBytes: limitSchema,
  vcpu: limitSchema,
  /** The limits exceeded, in words; empty when one node fits. */
  exceeded: z.array(z.string()),
});

export const shardKeyCandidateSchema = z.object({
  column: z.string(),
  score: z.number(),
  /** Share of patterns (by count) that reach one shard: equality on the key, or an insert that sets it. */
  patternCoverage: z.number(),
  /** The same, weighted by rate. */
  rateCoverage: z.number(),
  /** The same, weighted by load (rate × cost per call): what the score uses. */
  loadCoverage: z.number(),
  distinctValues: z.number(),
  /** 1 when values spread evenly; lower where a few values may hold much of the data (assumed). */
  balance: z.number(),
  /** Share of the data at the horizon in tables that can be colocated or replicated as reference tables. */
  dataCoverage: z.number(),
  colocatedTables: z.array(z.string()),
  crossShardPatterns: z.array(z.string()),
});

export const shardingSchema = z.object({
  technology: z.literal('citus'),
  key: z.string(),
  workers: z.number(),
  shardCount: z.number(),
  /** Distributed by the key (or, for the table the key references, by its id), colocated with `anchorTable`. */
  colocatedTables: z.array(z.object({ table: z.string(), column: z.string() })),
  anchorTable: z.string(),
  /** Small tables copied to every worker, joinable from any shard. */
  referenceTables: z.array(z.string()),
  /** Large tables without the key: they stay on the coordinator unless given the key column. */
  localTables: z.array(z.string()),
  crossShardPatterns: z.array(z.string()),
  /** Keys and references that must include the distribution column before distributing. */
  requiredChanges: z.array(z.string()),
  /** Citus DDL, run on the coordinator. */
  ddl: z.string(),
  resharding: z.string(),
});

export const isolationLevelSchema = z.enum(['READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE']);

export const writeIsolationSchema = z.object({
  pattern: z.string(),
  level: isolationLevelSchema,
  reason: z.string(),
  /** Reads the write may depend on (read-then-write), when there are any. */
  readsBefore: z.array(z.string()),
});

export const idempotencySchema = z.object({
  pattern: z.string(),
  table: z.string(),
  /** `natural-key`: a unique key the insert sets makes a retry a conflict; `idempotency-key`: one must be added; `by-key`: an update or delete by key repeats harmlessly. */
  kind: z.enum(['natural-key', 'idempotency-key', 'by-key']),
  columns: z.array(z.string()),
  constraintName: z.string().optional(),
  ddl: z.string().optional(),
  detail: z.string(),
});

/** The engine the scaling is planned for: PostgreSQL's own plan, or the chosen engine's native cluster. */
export const scalingEngineSchema = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(['postgresql', 'native']),
});

/** A natively distributed engine's cluster (ClickHouse, Cassandra, MongoDB…): nodes and replication, no Citus, no PgBouncer. */
export const clusterSchema = z.object({
  nodes: z.number(),
  replicationFactor: z.number(),
  writesPerNode: z.number(),
  hotSetBytesPerNode: z.number(),
  basis: z.array(z.string()),
});

export const scalingSchema = z.object({
  engine: scalingEngineSchema,
  consistency: z.object({ model: z.enum(['strong', 'causal', 'eventual']), detail: z.string() }),
  /** PostgreSQL plan only: the primary (or each Citus worker). */
  instance: instanceSchema.optional(),
  replicas: replicasSchema,
  /** PostgreSQL plan only. */
  pooling: poolingSchema.optional(),
  /** Native plan only. */
  cluster: clusterSchema.optional(),
  singleNode: singleNodeSchema,
  shardKeyCandidates: z.array(shardKeyCandidateSchema),
  /** Present only when one node does not suffice. */
  sharding: shardingSchema.optional(),
  isolation: z.array(writeIsolationSchema),
  idempotency: z.array(idempotencySchema),
});

export type Instance = z.infer<typeof instanceSchema>;
export type Cluster = z.infer<typeof clusterSchema>;
export type ScalingEngine = z.infer<typeof scalingEngineSchema>;
export type Replicas = z.infer<typeof replicasSchema>;
export type Pooling = z.infer<typeof poolingSchema>;
export type SingleNode = z.infer<typeof singleNodeSchema>;
export type ShardKeyCandidate = z.infer<typeof shardKeyCandidateSchema>;
export type Sharding = z.infer<typeof shardingSchema>;
export type IsolationLevel = z.infer<typeof isolationLevelSchema>;
export type WriteIsolation = z.infer<typeof writeIsolationSchema>;
export type Idempotency = z.infer<typeof idempotencySchema>;
export type Scaling = z.infer<typeof scalingSchema>;
