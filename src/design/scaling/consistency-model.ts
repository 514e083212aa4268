import type { Spec } from '../../spec/spec.js';
import type { Scaling } from './scaling-schema.js';

/**
 * rule:consistency-routing. The spec's consistency says where reads may go: strong and causal keep
 * every read without a staleness on the primary (read-your-writes); stale-tolerant reads may use
 * replicas and caches within their bound. Sharding keeps single-shard transactions as they are;
 * multi-shard writes commit atomically (two-phase commit) but multi-shard reads see no global snapshot.
 */
export function consistencyModel(spec: Spec, sharded: boolean): Scaling['consistency'] {
  const model = spec.requirements.consistency;
  const routing =
    model === 'eventual'
      ? 'every read may use a replica or cache; reads that state a staleness keep to it'
      : `reads without a staleness go to the primary (${model === 'strong' ? 'linearizable for committed data' : 'read-your-writes within a session'}); only reads that state a staleness may use replicas or caches, within their bound`;
  const rpo = spec.requirements.rpo;
  const durability =
    rpo && rpo.seconds === 0
      ? 'rpo 0: commit waits for a synchronous standby (synchronous_standby_names, synchronous_commit = on)'
      : `commits are durable on the primary (synchronous_commit = on); the standby replicates asynchronously${rpo ? ` within the rpo of ${rpo.text}` : ''}`;
  const shards = sharded ? '; across shards, writes commit atomically by two-phase commit, but a query spanning shards sees no single snapshot' : '';
  return { model, detail: `${model}: ${routing}; ${durability}${shards}` };
}
