import { formatCount } from '../../format.js';
import type { Decision } from '../../model/decision.js';
import type { Spec } from '../../model/spec.js';
import { formatBytes, formatRate } from '../../format.js';
import { MS_PER_UNIT, ROWS_PER_UNIT, UNITS_PER_INDEX, WRITE_BASE_UNITS } from '../workload/plan-load.js';
import type { PatternLoad } from '../../model/parts/load.js';
import type { EngineProfile } from '../technology/engine-profile.js';
import type { Cluster, Idempotency, Instance, Pooling, Replicas, Scaling, Sharding, SingleNode, WriteIsolation } from '../../model/parts/scaling.js';
import type { ShardKeyEvaluation } from './shard-key.js';

/** Decisions for the report: each states the choice, the rule behind it and what it assumed. */

export function consistencyDecision(spec: Spec, consistency: Scaling['consistency'], replicas: Replicas): Decision {
  const assumed = spec.requirements.assumed.includes('consistency');
  return {
    id: 'scaling/consistency',
    area: 'scaling',
    title: `Consistency: ${consistency.model}`,
    choice: consistency.detail,
    rationale: [
      `Primary only: ${replicas.primaryOnlyPatterns.join(', ') || 'none'}.`,
      `May read from replicas or caches within their staleness: ${replicas.eligiblePatterns.join(', ') || 'none'}.`,
    ],
    alternatives: [],
    evidence: [
      {
        tier: assumed ? 'assumed' : 'derived',
        source: 'rule:consistency-routing',
        detail: `requirements.consistency = ${consistency.model}${assumed ? ' (default)' : ''}; each pattern's staleness`,
      },
    ],
    patterns: [...replicas.primaryOnlyPatterns, ...replicas.eligiblePatterns],
  };
}

export function instanceDecision(instance: Instance, loads: readonly PatternLoad[], sharding: Sharding | undefined): Decision {
  const heaviest = [...loads].sort((a, b) => b.unitsPerSecond - a.unitsPerSecond || a.name.localeCompare(b.name)).slice(0, 3);
  const who = sharding ? `each of ${sharding.workers} Citus workers` : 'the primary';
  return {
    id: 'scaling/instance',
    area: 'scaling',
    title: `${instance.vcpu} vCPU / ${instance.memoryGiB} GiB for ${who}`,
    choice: `${instance.vcpu} vCPU, ${instance.memoryGiB} GiB RAM for ${who}`,
    rationale: [
      ...instance.basis.map((b) => `${b.charAt(0).toUpperCase()}${b.slice(1)}.`),
      `Heaviest patterns: ${heaviest.map((l) => `${l.name} (${formatRate(l.ratePerSecond)} × ${l.unitsPerCall} units)`).join(', ')}.`,
      'Sized without the caches: a cold or failed cache sends every read to the database.',
    ],
    alternatives: [
      {
        option: 'size for the average with no headroom',
        rejectedBecause: 'spikes, vacuum, index builds and a failover would push it over: 50% target utilisation leaves room',
      },
    ],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:instance-from-load-and-hot-set',
        detail: 'vCPU from load units ÷ (2,000/s per vCPU × 50%); RAM ≥ hot set ÷ 75%; sizes from capacity/postgres-sizes.ts',
      },
      {
        tier: loads.some((l) => l.source === 'measured') ? 'executed' : 'derived',
        source: 'rule:load-in-simple-queries',
        detail: `the load part (design.json load): read = 1 + rows/${ROWS_PER_UNIT} units; write = ${WRITE_BASE_UNITS} + ${UNITS_PER_INDEX} per index; a measured pattern 1 + its median ÷ ${MS_PER_UNIT} ms; growth without an insert pattern counted as inserts`,
      },
      { tier: 'assumed', source: 'default:simple-queries-per-vcpu', detail: '2,000 simple indexed queries/s per vCPU (rule of thumb 1k–5k)' },
    ],
    patterns: loads.filter((l) => !l.implied).map((l) => l.name),
  };
}

export function replicasDecision(replicas: Replicas, sharded: boolean): Decision {
  return {
    id: 'scaling/read-replicas',
    area: 'scaling',
    title: replicas.count
      ? `${replicas.count} read replica${replicas.count > 1 ? 's' : ''}${sharded ? ' per worker' : ''} for stale-tolerant reads`
      : 'No read replicas',
    choice: `${replicas.reason}${replicas.standby ? '; plus a hot standby in another zone for failover (not serving reads)' : ''}`,
    rationale: [
      `Reads that tolerate ≥ ${replicas.assumedLagSeconds} s of staleness may use a replica: ${replicas.eligiblePatterns.join(', ') || 'none'}.`,
      `Reads that must see the latest write stay on the primary: ${replicas.primaryOnlyPatterns.join(', ') || 'none'}.`,
      ...(replicas.standby
        ? [
            'The availability target (≥ 99.9%) needs a standby that can be promoted within minutes; it is kept apart from read traffic so a failover does not also lose read capacity.',
          ]
        : []),
    ],
    alternatives: replicas.count
      ? [
          {
            option: 'a bigger primary instead',
            rejectedBecause: 'replicas add read capacity without a larger single point of failure, and the stale-tolerant reads need no primary',
          },
        ]
      : [],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:replicas-from-staleness',
        detail: "eligible = staleness ≥ replica lag; count = eligible load ÷ one node's capacity, when ≥ 20% of the load",
      },
      { tier: 'assumed', source: 'default:replica-lag', detail: `asynchronous replicas replay within ${replicas.assumedLagSeconds} s under normal load` },
    ],
    patterns: [...replicas.eligiblePatterns],
  };
}

export function poolingDecision(pooling: Pooling, sharding: Sharding | undefined): Decision {
  if (pooling.pooler === 'none')
    return {
      id: 'scaling/connection-pooling',
      area: 'scaling',
      title: 'No connection pooler: the applications connect directly',
      choice: `direct connections, max_connections = ${pooling.maxConnections}; ${pooling.appPoolPerInstance} connections per application instance`,
      rationale: pooling.basis.map((b) => `${b.charAt(0).toUpperCase()}${b.slice(1)}.`),
      alternatives: [
        { option: 'PgBouncer in transaction mode', rejectedBecause: 'at this rate it adds a process to run and fail over without relieving anything' },
      ],
      evidence: [
        { tier: 'derived', source: 'rule:pooler-when-it-pays', detail: pooling.basis[0]! },
        { tier: 'assumed', source: 'default:app-pool', detail: `${pooling.appPoolPerInstance} client connections per application instance` },
      ],
      patterns: [],
    };
  return {
    id: 'scaling/connection-pooling',
    area: 'scaling',
    title: `PgBouncer in transaction mode, ${pooling.serverPoolSize} server connections${sharding ? ' per worker' : ''}`,
    choice: `PgBouncer (pool_mode = transaction), default_pool_size = ${pooling.serverPoolSize}, max_connections = ${pooling.maxConnections}, max_client_conn = ${pooling.maxClientConnections}; ${pooling.appPoolPerInstance} connections per application instance`,
    rationale: [
      ...pooling.basis.map((b) => `${b.charAt(0).toUpperCase()}${b.slice(1)}.`),
      ...(sharding
        ? ['Citus: the same pool in front of the coordinator; the coordinator keeps its own pool to each worker (citus.max_adaptive_executor_pool_size).']
        : []),
    ],
    alternatives: [
      {
        option: 'session pooling',
        rejectedBecause: 'a connection stays pinned to an idle client session, so the server pool must be as large as the number of clients',
      },
      {
        option: 'one PostgreSQL connection per application thread',
        rejectedBecause: 'each backend costs memory and contends for the cores; past ~2 per core throughput falls',
      },
    ],
    evidence: [
      { tier: 'derived', source: 'rule:pool-size', detail: "pool = (cores × 2) + effective spindles; Little's law for peak concurrency" },
      {
        tier: 'assumed',
        source: 'default:app-pool',
        detail: `${pooling.appPoolPerInstance} client connections per application instance; 1 effective spindle (SSD)`,
      },
    ],
    patterns: [],
  };
}

export function shardingDecision(single: SingleNode, candidates: readonly ShardKeyEvaluation[], sharding: Sharding | undefined): Decision {
  const limits = [
    `writes ${formatCount(single.writesPerSecond.value)}/s (limit ~${formatCount(single.writesPerSecond.limit)}/s)`,
    `data at the horizon ${formatBytes(single.dataBytesAtHorizon.value)} (limit ${formatBytes(single.dataBytesAtHorizon.limit)})`,
    `hot set ${formatBytes(single.hotSetBytes.value)} (limit ${formatBytes(single.hotSetBytes.limit)})`,
    `primary vCPU ${single.vcpu.value} (limit ${single.vcpu.limit})`,
  ];
  const scored = candidates
    .slice(0, 5)
    .map(
      (c) =>
        `${c.column}: score ${c.score} (load ${pct(c.loadCoverage)}, patterns ${pct(c.patternCoverage)}, rate ${pct(c.rateCoverage)}, ${formatCount(c.distinctValues)} values, balance ${c.balance}, data ${pct(c.dataCoverage)})`,
    );
  const evidence: Decision['evidence'] = [
    { tier: 'derived', source: 'rule:single-node-limits', detail: limits.join('; ') },
    {
      tier: 'assumed',
      source: 'default:node-limits',
      detail: `~${formatCount(single.writesPerSecond.limit)} writes/s per node (the engine's catalog profile) and ~5 TiB per node (low end of 5–10 TB)`,
    },
  ];
  if (!sharding) {
    const best = candidates[0];
    return {
      id: 'scaling/sharding',
      area: 'scaling',
      title: single.fits ? 'No sharding: one primary node suffices' : 'Sharding needed, but no key routes the workload',
      choice: single.fits
        ? `one primary (with replicas for stale-tolerant reads); ${limits.join(', ')}`
        : `exceeded: ${single.exceeded.join('; ')}; no candidate key reaches one shard for the workload`,
      rationale: [
        single.fits
          ? 'Every single-node limit holds at the horizon, so sharding would add cross-shard queries, distributed transactions and operations for no need.'
          : 'The workload does not filter by any one column, so sharding would fan every query out.',
        ...(best ? [`Should a limit be reached later, the key would be ${best.column} (${scored[0]}).`] : []),
      ],
      alternatives: best
        ? [
            {
              option: `shard by ${best.column} now (Citus)`,
              rejectedBecause: single.fits ? 'nothing exceeds one node: the cost of distribution buys nothing yet' : 'it leaves most patterns cross-shard',
            },
          ]
        : [],
      evidence: [...evidence, ...(best ? [{ tier: 'derived' as const, source: 'rule:shard-key-score', detail: scored.join('; ') }] : [])],
      patterns: [],
    };
  }
  const chosen = candidates[0]!;
  return {
    id: 'scaling/sharding',
    area: 'scaling',
    title: `Shard by ${sharding.key} on Citus: ${sharding.workers} workers, ${sharding.shardCount} shards`,
    choice: `Citus, distribution column ${sharding.key}; colocated: ${sharding.colocatedTables.map((c) => `${c.table}(${c.column})`).join(', ')}; reference: ${sharding.referenceTables.join(', ') || 'none'}`,
    rationale: [
      `One node is exceeded: ${single.exceeded.join('; ')}.`,
      'Writes are counted as single-row transactions: batching them (multi-row INSERT, COPY) cuts the per-row cost several-fold, and the worker count with it.',
      `${sharding.key} scores highest: ${scored[0]}; ${chosen.balanceBasis}.`,
      `Colocated with \`${sharding.anchorTable}\`, so joins and foreign keys on ${sharding.key} stay inside one shard; reference tables are copied to every worker.`,
      sharding.crossShardPatterns.length
        ? `Cross-shard (fan out to every shard in parallel): ${sharding.crossShardPatterns.join(', ')}.`
        : 'Every pattern reaches a single shard.',
      ...sharding.requiredChanges.map((c) => `Change before distributing: ${c}.`),
      `Resharding: ${sharding.resharding}`,
      `DDL:\n${sharding.ddl}`,
    ],
    alternatives: candidates.slice(1, 5).map((c) => ({
      option: `shard by ${c.column}`,
      rejectedBecause: `score ${c.score} < ${chosen.score}${c.crossShardPatterns.length ? `; cross-shard: ${c.crossShardPatterns.join(', ')}` : ''}`,
    })),
    evidence: [
      ...evidence,
      { tier: 'derived', source: 'rule:shard-key-score', detail: scored.join('; ') },
      { tier: 'derived', source: 'rule:citus-colocation', detail: 'tables with the key colocated; small tables without it as reference tables' },
    ],
    patterns: [...sharding.crossShardPatterns],
  };
}

export function isolationDecisions(isolation: readonly WriteIsolation[]): Decision[] {
  return isolation.map((w) => ({
    id: `scaling/isolation/${w.pattern}`,
    area: 'scaling',
    title: `${w.pattern}: ${w.level}`,
    choice: `${w.level}${w.readsBefore.length ? ` (with ${w.readsBefore.join(', ')} in the same transaction)` : ''}`,
    rationale: [`${w.reason.charAt(0).toUpperCase()}${w.reason.slice(1)}.`],
    alternatives:
      w.level === 'READ COMMITTED'
        ? [{ option: 'SERIALIZABLE', rejectedBecause: 'no read in the workload decides this write: stricter isolation would only add retries' }]
        : [
            {
              option: 'READ COMMITTED',
              rejectedBecause:
                w.level === 'SERIALIZABLE' ? 'it allows write skew between the read and the write' : 'it allows a lost update between the read and the write',
            },
          ],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:isolation-from-read-then-write',
        detail: w.readsBefore.length
          ? `reads of the written table by the pinned columns: ${w.readsBefore.join(', ')}`
          : 'no strong read of the written table by the columns this write pins',
      },
      ...(w.readsBefore.length
        ? [
            {
              tier: 'assumed' as const,
              source: 'default:read-then-write',
              detail: 'the spec lists patterns, not transactions: that the read decides the write is assumed',
            },
          ]
        : []),
    ],
    patterns: [w.pattern, ...w.readsBefore],
  }));
}

export function idempotencyDecisions(idempotency: readonly Idempotency[]): Decision[] {
  return idempotency
    .filter((i) => i.kind === 'idempotency-key')
    .map((i) => ({
      id: `scaling/idempotency/${i.pattern}`,
      area: 'scaling',
      title: `${i.pattern}: idempotency key on \`${i.table}\``,
      choice: `column idempotency_key uuid, ${i.constraintName} UNIQUE (${i.columns.join(', ')}); INSERT … ON CONFLICT DO NOTHING`,
      rationale: [`${i.detail}`, 'The column and its unique constraint are part of the schema the DDL creates.'],
      alternatives: [{ option: 'retry blindly', rejectedBecause: 'a timeout after the commit makes the retry insert a duplicate row' }],
      evidence: [{ tier: 'derived', source: 'rule:idempotency-key', detail: 'the insert sets no complete unique key of its table' }],
      patterns: [i.pattern],
    }));
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A natively distributed engine's cluster: no Citus, no PgBouncer; its partition key is the best shard-key candidate. */
export function clusterDecision(engine: EngineProfile, cluster: Cluster, best: ShardKeyEvaluation | undefined): Decision {
  const shards = cluster.nodes / cluster.replicationFactor;
  return {
    id: 'scaling/cluster',
    area: 'scaling',
    title: `${engine.name}: ${cluster.nodes} node${cluster.nodes === 1 ? '' : 's'} (${shards} shard${shards === 1 ? '' : 's'} × ${cluster.replicationFactor} cop${cluster.replicationFactor === 1 ? 'y' : 'ies'})`,
    choice: `${engine.name} cluster of ${cluster.nodes} node${cluster.nodes === 1 ? '' : 's'}${best && shards > 1 ? `, sharded by ${best.column}` : ''}; the engine replicates and distributes natively`,
    rationale: [
      ...cluster.basis.map((b) => `${b.charAt(0).toUpperCase()}${b.slice(1)}.`),
      ...(best ? [`Partition/sharding key: ${best.column} keeps ${pct(best.loadCoverage)} of the load on one shard.`] : []),
      "Node sizes (vCPU) follow the vendor's sizing guide for the ingest rate: the simple-query units this tool uses are calibrated on PostgreSQL and are not applied to another engine.",
    ],
    alternatives: [],
    evidence: [
      { tier: 'derived', source: 'rule:native-cluster', detail: cluster.basis.join('; ') },
      {
        tier: 'assumed',
        source: 'default:engine-writes-per-node',
        detail: `${formatCount(cluster.writesPerNode)} writes/s per node from the ${engine.name} catalog profile`,
      },
    ],
    patterns: [],
  };
}
