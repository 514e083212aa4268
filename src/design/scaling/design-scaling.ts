import type { Decision } from '../../model/decision.js';
import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../spec/spec.js';
import type { WorkloadPattern } from '../indexes/table-access.js';
import { planCitus } from './citus-plan.js';
import { planPooling } from './connection-pooling.js';
import { consistencyModel } from './consistency-model.js';
import { tableSizes } from './data-size.js';
import { planIdempotency } from './idempotency.js';
import { sizeInstance } from './instance-sizing.js';
import { MAX_DATA_BYTES_PER_NODE, MAX_WRITES_PER_NODE, SIMPLE_QUERIES_PER_VCPU, TARGET_CPU_UTILIZATION, largestVcpu, maxHotSetBytesPerNode } from './node-limits.js';
import { patternLoads } from './pattern-load.js';
import { planReadReplicas } from './read-replicas.js';
import { reshardingStrategy } from './resharding.js';
import {
  consistencyDecision,
  idempotencyDecisions,
  instanceDecision,
  isolationDecisions,
  poolingDecision,
  replicasDecision,
  shardingDecision,
} from './scaling-decisions.js';
import type { Scaling, ShardKeyCandidate, Sharding } from './scaling-schema.js';
import { DEFAULT_SHARD_COUNT, evaluateShardKeys, type ShardKeyEvaluation } from './shard-key.js';
import { assessSingleNode } from './single-node.js';
import { isolationPerWrite } from './transaction-isolation.js';

/** Candidates kept in design.json: enough to see why the winner won. */
const CANDIDATES_SHOWN = 5;

export interface ScalingDesign {
  readonly scaling: Scaling;
  readonly decisions: Decision[];
}

/**
 * Scaling from the workload's rates and the spec's volumes: instance size, read replicas, pooling,
 * whether one primary suffices (and the Citus shard plan when it does not), the isolation level of
 * each write and idempotency for retried inserts. Pure: the same inputs give the same output.
 */
export function designScaling(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[], options: { readonly hotSetBytes?: number } = {}): ScalingDesign {
  const loads = patternLoads(spec, schema, workload);
  const sizes = tableSizes(spec, schema);
  // The capacity model's hot set (upper index levels and the recent month) is finer than the sum of
  // whole indexes used as a fallback here; the design passes it in so the two sections agree.
  const hotSetBytes = options.hotSetBytes ?? sizes.reduce((s, t) => s + t.hotBytes, 0);
  const replicaPlan = planReadReplicas(spec, loads, (units) => sizeInstance(units, hotSetBytes).vcpu);
  const primaryVcpuNeeded = Number((replicaPlan.primaryUnits / (SIMPLE_QUERIES_PER_VCPU * TARGET_CPU_UTILIZATION)).toPrecision(3));
  const singleNode = assessSingleNode(loads, sizes, primaryVcpuNeeded);
  const candidates = evaluateShardKeys(spec, schema, workload, sizes);
  const best = candidates[0];

  let sharding: Sharding | undefined;
  let replicas = replicaPlan.replicas;
  let instance = sizeInstance(replicaPlan.primaryUnits, hotSetBytes);
  if (!singleNode.fits && best && best.score > 0) {
    const workers = Math.max(
      2,
      Math.ceil(singleNode.writesPerSecond.value / MAX_WRITES_PER_NODE),
      Math.ceil(singleNode.dataBytesAtHorizon.value / MAX_DATA_BYTES_PER_NODE),
      Math.ceil(singleNode.hotSetBytes.value / maxHotSetBytesPerNode()),
      Math.ceil(primaryVcpuNeeded / largestVcpu()),
    );
    const shardCount = Math.max(DEFAULT_SHARD_COUNT, 2 ** Math.ceil(Math.log2(workers * 4)));
    const plan = planCitus(best, schema, workers, shardCount);
    sharding = { ...plan, resharding: reshardingStrategy(best.column, plan.anchorTable, shardCount, workers) };
    // Each worker holds 1/workers of the data and load; replicas are planned per worker.
    const perWorker = planReadReplicas(spec, loads, (units) => sizeInstance(units, hotSetBytes / workers).vcpu, workers);
    replicas = perWorker.replicas;
    instance = sizeInstance(perWorker.primaryUnits, hotSetBytes / workers, 'worker');
  }

  const pooling = planPooling(instance.vcpu, loads);
  const isolation = isolationPerWrite(spec, workload);
  const distributionColumn = (table: string) => sharding?.colocatedTables.find((c) => c.table === table)?.column;
  const idempotency = planIdempotency(schema, workload, distributionColumn);
  const consistency = consistencyModel(spec, sharding !== undefined);

  const scaling: Scaling = {
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
    distinctValues: e.distinctValues,
    balance: e.balance,
    dataCoverage: e.dataCoverage,
    colocatedTables: [...e.colocatedTables],
    crossShardPatterns: [...e.crossShardPatterns],
  };
}
