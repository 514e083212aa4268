import { quotePgLiteral } from '../../dialects/postgres/quote.js';

/**
 * rule:resharding-by-moving-shards. Many more shards than workers (≥ 4 per worker, a power of two)
 * so that growth adds workers and moves whole shards online instead of splitting them; a key value
 * that outgrows its shard is isolated into its own; changing the key means rewriting every table.
 */
export function reshardingStrategy(key: string, anchorTable: string, shardCount: number, workers: number): string {
  return [
    `Start with ${shardCount} shards for ${workers} workers (≥ 4 per worker, a power of two), so growth moves whole shards instead of splitting them:`,
    `add workers with citus_add_node() and run SELECT citus_rebalance_start(); (online: shards move by logical replication, writes block only briefly at the switch).`,
    `A ${key} value that outgrows its shard: SELECT isolate_tenant_to_new_shard(${quotePgLiteral(anchorTable)}, <value>, 'CASCADE'); then rebalance.`,
    `Changing the key later rewrites every distributed table (alter_distributed_table): choose it once.`,
  ].join(' ');
}
