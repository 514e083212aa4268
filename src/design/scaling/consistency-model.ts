import type { Spec } from '../../model/spec.js';
import type { StandbyPlan } from '../availability/plan-availability.js';
import type { Scaling } from '../../model/parts/scaling.js';

/**
 * rule:consistency-routing. The spec's consistency says where reads may go: strong and causal keep
 * every read without a staleness on the primary (read-your-writes); stale-tolerant reads may use
 * replicas and caches within their bound. Sharding keeps single-shard transactions as they are;
 * multi-shard writes commit atomically (two-phase commit) but multi-shard reads see no global snapshot.
 */
export function consistencyModel(spec: Spec, sharded: boolean, standby: StandbyPlan, nativeEngine?: string): Scaling['consistency'] {
  const model = spec.requirements.consistency;
  const routing =
    model === 'eventual'
      ? 'every read may use a replica or cache; reads that state a staleness keep to it'
      : `reads without a staleness go to the primary (${model === 'strong' ? 'linearizable for committed data' : 'read-your-writes within a session'}); only reads that state a staleness may use replicas or caches, within their bound`;
  // The standby comes from the availability rule (standbyFor), the same value availability/topology states.
  const durability =
    standby.standby === 'synchronous'
      ? `RPO ${standby.rpoSeconds} s: a commit waits for the synchronous standby (synchronous_standby_names, synchronous_commit = on)`
      : standby.standby === 'asynchronous'
        ? `commits are durable on the primary (synchronous_commit = on); the standby replicates asynchronously within the RPO of ${standby.rpoSeconds} s`
        : `commits are durable on the primary (synchronous_commit = on); no standby (RPO ${standby.rpoSeconds} s from the WAL archive)`;
  if (nativeEngine !== undefined)
    return {
      model,
      detail: `${model}: ${routing}; durability and the read replicas are ${nativeEngine}'s own replication (${standby.standby === 'none' ? 'one copy' : `the RPO of ${standby.rpoSeconds} s decides how many copies acknowledge a write`})${sharded ? `; a query spanning shards sees no single snapshot` : ''}`,
    };
  const shards = sharded ? '; across shards, writes commit atomically by two-phase commit, but a query spanning shards sees no single snapshot' : '';
  return { model, detail: `${model}: ${routing}; ${durability}${shards}` };
}
