import type { Decision } from '../../model/decision.js';
import type { Load } from '../../model/parts/load.js';
import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import { standbyFor } from '../availability/plan-availability.js';
import type { Capacity } from '../../model/parts/capacity.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import type { EngineProfile } from '../technology/engine-profile.js';
import { planCitus } from './citus-plan.js';
import { planPooling } from './connection-pooling.js';
import { consistencyModel } from './consistency-model.js';
import { planIdempotency } from './idempotency.js';
import { sizeInstance } from './instance-sizing.js';
import { planNativeCluster } from './native-cluster.js';
import { MAX_DATA_BYTES_PER_NODE, SIMPLE_QUERIES_PER_VCPU, TARGET_CPU_UTILIZATION, largestVcpu, maxHotSetBytesPerNode } from './node-limits.js';
import { planReadReplicas } from './read-replicas.js';
import {
  clusterDecision,
  consistencyDecision,
  idempotencyDecisions,
  instanceDecision,
  isolationDecisions,
  poolingDecision,
  replicasDecision,
  shardingDecision,
} from './scaling-decisions.js';
import type { Scaling, ShardKeyCandidate, Sharding } from '../../model/parts/scaling.js';
import { DEFAULT_SHARD_COUNT, evaluateShardKeys, type ShardKeyEvaluation } from './shard-key.js';
import { assessSingleNode } from './single-node.js';
import { isolationPerWrite } from './transaction-isolation.js';
import type { Dialect } from '../../dialects/dialect.js';

/** Candidates kept in design.json: enough to see why the winner won. */
const CANDIDATES_SHOWN = 5;

export interface ScalingInput {
  readonly spec: Spec;
  readonly schema: Schema;
  readonly workload: readonly WorkloadPattern[];
  /** The one load of every pattern and table (design/workload). */
  readonly load: Load;
  /** Sizes and the hot set at the horizon (design/capacity). */
  readonly capacity: Capacity;
  /** The chosen engine's catalog profile (design/technology). */
  readonly engine: EngineProfile;
  /** The target dialect: its sharding extension spells the distribution. */
  readonly dialect: Dialect;
}

export interface ScalingDesign {
  readonly scaling: Scaling;
  readonly decisions: Decision[];
}

/** PostgreSQL itself and engines that run inside it (TimescaleDB) get PostgreSQL's plan; every other engine its own cluster. */
export const runsOnPostgres = (engine: EngineProfile): boolean => engine.id === 'postgresql' || engine.extends === 'postgresql';

/**
 * Scaling from the load part, the capacity part and the chosen engine: for PostgreSQL the instance,
 * read replicas, pooling, whether one primary suffices (and the Citus plan when it does not); for a
 * natively distributed engine its node count and replication. Then the isolation level of each write
 * and idempotency for retried inserts. Pure: the same inputs give the same output.
 */
export function designScaling(input: ScalingInput): ScalingDesign {
  const { spec, schema, workload, load, capacity, engine } = input;
  const loads = load.patterns;
  const hotSetBytes = capacity.memory.hotSetBytes;
  const standby = standbyFor(spec);
  const candidates = evaluateShardKeys(spec, schema, workload, capacity.atHorizon.tables, load);
  const isolation = isolationPerWrite(spec, workload);
  const scalingEngine = { id: engine.id, name: engine.name, plan: runsOnPostgres(engine) ? ('postgresql' as const) : ('native' as const) };

  if (scalingEngine.plan === 'native') {
    const cluster = planNativeCluster({ engine, load, capacity, standby: standby.standby });
    const singleNode = assessSingleNode({
      writesPerSecond: load.totals.writesPerSecond,
      writeLimit: engine.singleNodeWritesPerSecond,
      dataBytesAtHorizon: capacity.atHorizon.totalBytes,
      hotSetBytes,
      vcpuNeeded: 0,
    });
    const idempotency = planIdempotency(schema, workload, () => undefined);
    const consistency = consistencyModel(spec, cluster.nodes / cluster.replicationFactor > 1, standby, engine.name);
    const replicas = {
      count: 0,
      eligiblePatterns: loads.filter((l) => l.kind === 'read' && !l.implied).map((l) => l.name),
      primaryOnlyPatterns: [],
      assumedLagSeconds: 0,
      standby: false,
      reason: `none apart from the engine's own replication: ${engine.name} keeps ${cluster.replicationFactor} cop${cluster.replicationFactor === 1 ? 'y' : 'ies'} of each shard and serves reads from them`,
    };
    const scaling: Scaling = {
      engine: scalingEngine,
      consistency,
      replicas,
      cluster,
      singleNode,
      shardKeyCandidates: candidates.slice(0, CANDIDATES_SHOWN).map(toCandidate),
      isolation,
      idempotency,
    };
    const decisions: Decision[] = [
      consistencyDecision(spec, consistency, replicas),
      clusterDecision(engine, cluster, candidates[0]),
      ...isolationDecisions(isolation),
      ...idempotencyDecisions(idempotency),
    ];
    return { scaling, decisions };
  }

  const replicaPlan = planReadReplicas(spec, loads, (units) => sizeInstance(units, hotSetBytes).vcpu, standby.standby !== 'none');
  const primaryVcpuNeeded = Number((replicaPlan.primaryUnits / (SIMPLE_QUERIES_PER_VCPU * TARGET_CPU_UTILIZATION)).toPrecision(3));
  const singleNode = assessSingleNode({
    writesPerSecond: load.totals.writesPerSecond,
    writeLimit: engine.singleNodeWritesPerSecond,
    dataBytesAtHorizon: capacity.atHorizon.totalBytes,
    hotSetBytes,
    vcpuNeeded: primaryVcpuNeeded,
  });
  const best = candidates[0];

  let sharding: Sharding | undefined;
  let replicas = replicaPlan.replicas;
  let instance = sizeInstance(replicaPlan.primaryUnits, hotSetBytes);
  const shards = input.dialect.sharding;
  if (!singleNode.fits && best && best.score > 0 && shards) {
    const workers = Math.max(
      2,
      Math.ceil(singleNode.writesPerSecond.value / singleNode.writesPerSecond.limit),
      Math.ceil(singleNode.dataBytesAtHorizon.value / MAX_DATA_BYTES_PER_NODE),
      Math.ceil(singleNode.hotSetBytes.value / maxHotSetBytesPerNode()),
      Math.ceil(primaryVcpuNeeded / largestVcpu()),
    );
    const shardCount = Math.max(DEFAULT_SHARD_COUNT, 2 ** Math.ceil(Math.log2(workers * 4)));
    const plan = planCitus(best, schema, workers, shardCount, shards);
    sharding = { ...plan, resharding: shards.resharding(best.column, plan.anchorTable, shardCount, workers) };
    // Each worker holds 1/workers of the data and load; replicas are planned per worker.
    const perWorker = planReadReplicas(spec, loads, (units) => sizeInstance(units, hotSetBytes / workers).vcpu, standby.standby !== 'none', workers);
    replicas = perWorker.replicas;
    instance = sizeInstance(perWorker.primaryUnits, hotSetBytes / workers, 'worker');
  }

  const pooling = planPooling(instance.vcpu, loads);
  const distributionColumn = (table: string) => sharding?.colocatedTables.find((c) => c.table === table)?.column;
  const idempotency = planIdempotency(schema, workload, distributionColumn);
  const consistency = consistencyModel(spec, sharding !== undefined, standby);

  const scaling: Scaling = {
    engine: scalingEngine,
    consistency,
    instance,
    replicas,
    pooling,
    singleNode,
    shardKeyCandidates: candidates.slice(0, CANDIDATES_SHOWN).map(toCandidate),
    ...(sharding ? { sharding } : {}),
    isolation,
    idempotency,
  };
  const decisions: Decision[] = [
    consistencyDecision(spec, consistency, replicas),
    instanceDecision(instance, loads, sharding),
    replicasDecision(replicas, sharding !== undefined),
    poolingDecision(pooling, sharding),
    shardingDecision(singleNode, candidates, sharding),
    ...isolationDecisions(isolation),
    ...idempotencyDecisions(idempotency),
  ];
  return { scaling, decisions };
}

/** The serializable part of an evaluation (design.json holds no maps). */
function toCandidate(e: ShardKeyEvaluation): ShardKeyCandidate {
  return {
    column: e.column,
    score: e.score,
    patternCoverage: e.patternCoverage,
    rateCoverage: e.rateCoverage,
    loadCoverage: e.loadCoverage,
    distinctValues: e.distinctValues,
    balance: e.balance,
    dataCoverage: e.dataCoverage,
    colocatedTables: [...e.colocatedTables],
    crossShardPatterns: [...e.crossShardPatterns],
  };
}
