import { formatCount } from '../../format.js';
import { formatBytes } from '../capacity/postgres-sizes.js';
import type { TableSize } from './data-size.js';
import { MAX_DATA_BYTES_PER_NODE, MAX_WRITES_PER_NODE, largestVcpu, maxHotSetBytesPerNode } from './node-limits.js';
import type { PatternLoad } from './pattern-load.js';
import type { SingleNode } from './scaling-schema.js';

/**
 * rule:single-node-limits. One primary suffices while writes stay under ~10k/s (10–20k is where WAL,
 * index maintenance and vacuum saturate a node), data at the horizon under ~5 TiB (5–10 TB keeps
 * backup, restore and replica rebuilds to hours), the hot set within the largest instance's RAM, and
 * the load that must stay on the primary within its vCPUs. Reads alone never force sharding:
 * replicas take them.
 */
export function assessSingleNode(loads: readonly PatternLoad[], sizes: readonly TableSize[], primaryVcpuNeeded: number): SingleNode {
  const writes = round(loads.filter((l) => l.kind === 'write').reduce((s, l) => s + l.ratePerSecond, 0));
  const data = sizes.reduce((s, t) => s + t.heapBytes + t.indexBytes, 0);
  const hot = sizes.reduce((s, t) => s + t.hotBytes, 0);
  const checks = {
    writesPerSecond: { value: writes, limit: MAX_WRITES_PER_NODE },
    dataBytesAtHorizon: { value: data, limit: MAX_DATA_BYTES_PER_NODE },
    hotSetBytes: { value: hot, limit: maxHotSetBytesPerNode() },
    vcpu: { value: primaryVcpuNeeded, limit: largestVcpu() },
  };
  const exceeded = [
    ...(writes > MAX_WRITES_PER_NODE ? [`${formatCount(writes)} writes/s > ~${formatCount(MAX_WRITES_PER_NODE)}/s per primary (10–20k/s range)`] : []),
    ...(data > MAX_DATA_BYTES_PER_NODE ? [`${formatBytes(data)} at the horizon > ${formatBytes(MAX_DATA_BYTES_PER_NODE)} per node (5–10 TB range)`] : []),
    ...(hot > checks.hotSetBytes.limit ? [`hot set ${formatBytes(hot)} > ${formatBytes(checks.hotSetBytes.limit)} (75% of the largest instance's RAM)`] : []),
    ...(primaryVcpuNeeded > largestVcpu() ? [`${primaryVcpuNeeded} vCPU needed on the primary > ${largestVcpu()} (largest instance)`] : []),
  ];
  return { fits: exceeded.length === 0, ...checks, exceeded };
}

const round = (x: number) => Number(x.toPrecision(4));
