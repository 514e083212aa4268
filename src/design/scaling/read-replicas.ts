import type { Spec } from '../../model/spec.js';
import type { PatternLoad } from '../../model/parts/load.js';
import type { Replicas } from '../../model/parts/scaling.js';
import { SIMPLE_QUERIES_PER_VCPU, TARGET_CPU_UTILIZATION } from './node-limits.js';

/** Asynchronous streaming replicas usually replay within a second; alert on more (assumed bound). */
export const ASSUMED_REPLICA_LAG_SECONDS = 1;
/** Replicas are worth their routing logic when they take at least this share of the load. */
const MIN_REPLICA_SHARE = 0.2;
/**
 * rule:replicas-when-the-primary-is-full: below this many vCPU for the whole load, one primary serves
 * every read and a replica only adds a second consistency path and an instance to run. A small team
 * pays more for each part it operates, so its primary grows further first.
 */
export const REPLICA_MIN_VCPU = { small: 32, other: 16 } as const;

export interface ReplicaPlan {
  readonly replicas: Replicas;
  /** Units left on the primary. */
  readonly primaryUnits: number;
  readonly replicaUnits: number;
}

/**
 * rule:replicas-from-staleness. A read may go to a replica when its staleness is at least the replica
 * lag (or consistency is eventual and it states none). When such reads are a fifth of the load or
 * more, they move to replicas sized like the primary: count = their load ÷ one node's capacity. None
 * when every read needs strong consistency, and none while the whole load fits a primary of
 * REPLICA_MIN_VCPU. The failover standby (`standby`) comes from the availability rule and serves no reads.
 */
export function planReadReplicas(spec: Spec, loads: readonly PatternLoad[], nodeVcpu: (units: number) => number, standby: boolean, nodes = 1): ReplicaPlan {
  const reads = loads.filter((l) => l.kind === 'read');
  const eventual = spec.requirements.consistency === 'eventual';
  const eligible = reads.filter((r) => (r.stalenessSeconds !== undefined ? r.stalenessSeconds >= ASSUMED_REPLICA_LAG_SECONDS : eventual));
  const primaryOnly = reads.filter((r) => !eligible.includes(r));
  // Sharded, each worker carries its share of the load and gets its own replicas.
  const total = loads.reduce((s, l) => s + l.unitsPerSecond, 0) / nodes;
  const eligibleUnits = eligible.reduce((s, l) => s + l.unitsPerSecond, 0) / nodes;
  const base = {
    eligiblePatterns: eligible.map((r) => r.name),
    primaryOnlyPatterns: primaryOnly.map((r) => r.name),
    assumedLagSeconds: ASSUMED_REPLICA_LAG_SECONDS,
    standby,
  };
  if (eligible.length === 0)
    return {
      replicas: {
        ...base,
        count: 0,
        reason: `none: every read needs strong consistency (no staleness ≥ ${ASSUMED_REPLICA_LAG_SECONDS} s), so every read goes to the primary`,
      },
      primaryUnits: total,
      replicaUnits: 0,
    };
  const share = total > 0 ? eligibleUnits / total : 0;
  if (share < MIN_REPLICA_SHARE)
    return {
      replicas: {
        ...base,
        count: 0,
        reason: `none: the stale-tolerant reads are ${pct(share)} of the load (< ${pct(MIN_REPLICA_SHARE)}); the primary serves them without a second consistency path in the application`,
      },
      primaryUnits: total,
      replicaUnits: 0,
    };
  const minVcpu = spec.requirements.team === 'small' ? REPLICA_MIN_VCPU.small : REPLICA_MIN_VCPU.other;
  const wholeLoadVcpu = nodeVcpu(total);
  if (wholeLoadVcpu <= minVcpu)
    return {
      replicas: {
        ...base,
        count: 0,
        reason: `none: the whole load (${round(total)} units/s${nodes > 1 ? ' per worker' : ''}) fits a ${wholeLoadVcpu}-vCPU ${nodes > 1 ? 'worker' : 'primary'} (≤ ${minVcpu} vCPU${spec.requirements.team === 'small' ? ' for a small team' : ''}), so a replica would add a second consistency path and an instance to run without a capacity need`,
      },
      primaryUnits: total,
      replicaUnits: 0,
    };
  const primaryUnits = total - eligibleUnits;
  const perNode = nodeVcpu(primaryUnits) * SIMPLE_QUERIES_PER_VCPU * TARGET_CPU_UTILIZATION;
  const count = Math.max(1, Math.ceil(eligibleUnits / perNode));
  return {
    replicas: {
      ...base,
      count,
      reason: `${count}${nodes > 1 ? ' per worker' : ''}: the stale-tolerant reads (${pct(share)} of the load, ${round(eligibleUnits)} units/s${nodes > 1 ? ' per worker' : ''}) ÷ ${round(perNode)} units/s per replica sized like the ${nodes > 1 ? 'worker' : 'primary'}; route them to replicas and fall back to the primary when replay lag exceeds ${ASSUMED_REPLICA_LAG_SECONDS} s (pg_stat_replication.replay_lag)`,
    },
    primaryUnits,
    replicaUnits: eligibleUnits,
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const round = (x: number) => Number(x.toPrecision(3));
