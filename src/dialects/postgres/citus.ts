import type { DialectSharding } from '../dialect.js';
import { quotePgLiteral as lit } from './quote.js';

/** Citus: distributed and reference tables on a coordinator, shards moved online by its rebalancer. */
export const postgresSharding: DialectSharding = {
  distributionDdl(plan) {
    const [anchor] = plan.colocatedTables;
    return (
      [
        '-- Citus, on the coordinator, after CREATE EXTENSION citus and citus_add_node() for each worker.',
        `SET citus.shard_count = ${plan.shardCount};`,
        ...plan.referenceTables.map((t) => `SELECT create_reference_table(${lit(t)});`),
        ...plan.colocatedTables.map((t) =>
          t === anchor
            ? `SELECT create_distributed_table(${lit(t.table)}, ${lit(t.column)});`
            : `SELECT create_distributed_table(${lit(t.table)}, ${lit(t.column)}, colocate_with => ${lit(plan.anchorTable)});`,
        ),
      ].join('\n') + '\n'
    );
  },
  resharding(key, anchorTable, shardCount, workers) {
    return [
      `Start with ${shardCount} shards for ${workers} workers (≥ 4 per worker, a power of two), so growth moves whole shards instead of splitting them:`,
      `add workers with citus_add_node() and run SELECT citus_rebalance_start(); (online: shards move by logical replication, writes block only briefly at the switch).`,
      `A ${key} value that outgrows its shard: SELECT isolate_tenant_to_new_shard(${lit(anchorTable)}, <value>, 'CASCADE'); then rebalance.`,
      `Changing the key later rewrites every distributed table (alter_distributed_table): choose it once.`,
    ].join(' ');
  },
};
