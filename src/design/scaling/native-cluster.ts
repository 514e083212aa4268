import { formatBytes, formatCount } from '../../format.js';
import type { Load } from '../../model/parts/load.js';
import type { Availability } from '../availability/plan-availability.js';
import type { Capacity } from '../../model/parts/capacity.js';
import type { EngineProfile } from '../technology/engine-profile.js';
import { MAX_DATA_BYTES_PER_NODE, maxHotSetBytesPerNode } from './node-limits.js';
import type { Cluster } from '../../model/parts/scaling.js';

/**
 * Copies of each shard a natively replicated engine keeps when the availability needs a standby:
 * quorum engines (wide-column, document, NewSQL) run three so a quorum survives a zone; the others
 * (ClickHouse's ReplicatedMergeTree, key-value primaries) two. Assumed: the vendors' usual defaults.
 */
const REPLICATION_FACTOR: Partial<Record<EngineProfile['family'], number>> = { 'wide-column': 3, document: 3, newsql: 3 };
const DEFAULT_REPLICATION_FACTOR = 2;

/**
 * rule:native-storage. How much smaller the engine stores the rows than PostgreSQL's heap (the
 * capacity part's page model), by family: columnar engines compress sorted columns ~8× on sensor and
 * event data (ClickHouse reports 5–20×) and keep only a sparse primary index; LSM wide-column stores
 * compress blocks ~2×; document and key-value stores about as PostgreSQL. Assumed ratios.
 */
const STORAGE_RATIO: Partial<Record<EngineProfile['family'], { readonly ratio: number; readonly indexes: boolean; readonly why: string }>> = {
  'time-series': { ratio: 8, indexes: false, why: 'columnar compression (~8×, assumed) and a sparse primary index instead of B-trees' },
  'wide-column': { ratio: 2, indexes: false, why: 'block compression in SSTables (~2×, assumed); the partition key is the index' },
};

export interface NativeClusterInput {
  readonly engine: EngineProfile;
  readonly load: Load;
  readonly capacity: Capacity;
  readonly standby: Availability['standby'];
}

/**
 * rule:native-cluster. Shards = the most of: writes at peak ÷ the engine's writes per node (its
 * catalog profile), data at the horizon ÷ 5 TiB, hot set ÷ 75% of the largest node's RAM; each shard
 * kept `replicationFactor` times. Sizes come from the capacity part, which uses PostgreSQL's page
 * layout: a columnar engine stores several times less, so the data bound errs on the large side.
 */
export function planNativeCluster(input: NativeClusterInput): Cluster {
  const { engine, load, capacity, standby } = input;
  const writes = load.totals.writesPerSecond;
  const storage = STORAGE_RATIO[engine.family] ?? { ratio: 1, indexes: true, why: "PostgreSQL's page layout as an estimate of the engine's own" };
  const stored = storage.indexes ? capacity.atHorizon.totalBytes : capacity.atHorizon.tableBytes;
  const data = Math.round(stored / storage.ratio);
  const hot = Math.round(capacity.memory.hotSetBytes / storage.ratio);
  const byWrites = Math.ceil(writes / engine.singleNodeWritesPerSecond);
  const byData = Math.ceil(data / MAX_DATA_BYTES_PER_NODE);
  const byHotSet = Math.ceil(hot / maxHotSetBytesPerNode());
  const shards = Math.max(1, byWrites, byData, byHotSet);
  const replicationFactor = standby === 'none' ? 1 : (REPLICATION_FACTOR[engine.family] ?? DEFAULT_REPLICATION_FACTOR);
  return {
    nodes: shards * replicationFactor,
    replicationFactor,
    writesPerNode: engine.singleNodeWritesPerSecond,
    hotSetBytesPerNode: Math.round(hot / shards),
    basis: [
      `writes: ${formatCount(writes)}/s at peak ÷ ~${formatCount(engine.singleNodeWritesPerSecond)}/s per ${engine.name} node (catalog profile, assumed, batched inserts) = ${byWrites} shard${byWrites === 1 ? '' : 's'}`,
      `data: ${formatBytes(data)} at the horizon (${formatBytes(stored)} in PostgreSQL's page layout ÷ ${storage.ratio}: ${storage.why}) ÷ ${formatBytes(MAX_DATA_BYTES_PER_NODE)} per node = ${byData}`,
      `hot set ${formatBytes(hot)} (the capacity's hot set ÷ ${storage.ratio}) ÷ ${formatBytes(maxHotSetBytesPerNode())} per node = ${byHotSet}`,
      standby === 'none'
        ? 'one copy: the availability target needs no standby'
        : `${replicationFactor} copies of each shard across availability zones (engine-native replication; the availability target needs a standby)`,
    ],
  };
}
