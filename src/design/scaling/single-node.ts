import { formatBytes, formatCount } from '../../format.js';
import { MAX_DATA_BYTES_PER_NODE, largestVcpu, maxHotSetBytesPerNode } from './node-limits.js';
import type { SingleNode } from '../../model/parts/scaling.js';

export interface SingleNodeInput {
  /** Writes per second at peak, from the load part. */
  readonly writesPerSecond: number;
  /** The chosen engine's sustained writes per node, from its catalog profile: the one write ceiling. */
  readonly writeLimit: number;
  /** Data at the horizon and the hot set, from the capacity part. */
  readonly dataBytesAtHorizon: number;
  readonly hotSetBytes: number;
  readonly vcpuNeeded: number;
}

/**
 * rule:single-node-limits. One primary suffices while writes stay under the engine's per-node ceiling
 * (its catalog profile: PostgreSQL ~20k single-row writes/s, where WAL, index maintenance and vacuum
 * saturate a node), data at the horizon under ~5 TiB (backup, restore and replica rebuilds in hours),
 * the hot set within the largest instance's RAM, and the load that must stay on the primary within
 * its vCPUs. Reads alone never force sharding: replicas take them.
 */
export function assessSingleNode(input: SingleNodeInput): SingleNode {
  const { writesPerSecond: writes, writeLimit, dataBytesAtHorizon: data, hotSetBytes: hot, vcpuNeeded } = input;
  const checks = {
    writesPerSecond: { value: writes, limit: writeLimit },
    dataBytesAtHorizon: { value: data, limit: MAX_DATA_BYTES_PER_NODE },
    hotSetBytes: { value: hot, limit: maxHotSetBytesPerNode() },
    vcpu: { value: vcpuNeeded, limit: largestVcpu() },
  };
  const exceeded = [
    ...(writes > writeLimit ? [`${formatCount(writes)} writes/s > ~${formatCount(writeLimit)}/s per node (the engine's profile)`] : []),
    ...(data > MAX_DATA_BYTES_PER_NODE ? [`${formatBytes(data)} at the horizon > ${formatBytes(MAX_DATA_BYTES_PER_NODE)} per node (5–10 TB range)`] : []),
    ...(hot > checks.hotSetBytes.limit ? [`hot set ${formatBytes(hot)} > ${formatBytes(checks.hotSetBytes.limit)} (75% of the largest instance's RAM)`] : []),
    ...(vcpuNeeded > largestVcpu() ? [`${vcpuNeeded} vCPU needed on the primary > ${largestVcpu()} (largest instance)`] : []),
  ];
  return { fits: exceeded.length === 0, ...checks, exceeded };
}
