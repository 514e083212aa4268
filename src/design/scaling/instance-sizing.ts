import { formatBytes } from '../../format.js';
import type { Instance } from '../../model/parts/scaling.js';
import {
  GENERAL_PURPOSE_GIB_PER_VCPU,
  GIB,
  GIB_PER_VCPU,
  HOT_SET_SHARE_OF_RAM,
  SIMPLE_QUERIES_PER_VCPU,
  TARGET_CPU_UTILIZATION,
  VCPU_SIZES,
  largestVcpu,
} from './node-limits.js';

/**
 * rule:instance-from-load-and-hot-set. vCPUs = load (simple-query units/s) / (2,000 per vCPU × 50%
 * target utilisation); RAM ≥ hot set / 75%. The instance is the smallest that has both: a
 * general-purpose size (4 GiB per vCPU) when that holds the hot set, else memory-optimised (8 GiB per
 * vCPU); beyond the largest size, the result is marked as exceeding a node.
 */
export function sizeInstance(loadUnitsPerSecond: number, hotSetBytes: number, role: Instance['role'] = 'primary'): Instance {
  const vcpuNeeded = round(loadUnitsPerSecond / (SIMPLE_QUERIES_PER_VCPU * TARGET_CPU_UTILIZATION));
  const memoryNeededGiB = round(hotSetBytes / HOT_SET_SHARE_OF_RAM / GIB);
  const shapes = VCPU_SIZES.flatMap((v) => [
    { vcpu: v, gib: v * GENERAL_PURPOSE_GIB_PER_VCPU, family: 'general-purpose' },
    { vcpu: v, gib: v * GIB_PER_VCPU, family: 'memory-optimised' },
  ]);
  const shape = shapes.find((x) => x.vcpu >= vcpuNeeded && x.gib >= memoryNeededGiB) ?? shapes[shapes.length - 1]!;
  const size = shape.vcpu;
  const byMemory = memoryNeededGiB > (vcpuNeeded * shape.gib) / shape.vcpu;
  return {
    role,
    vcpu: size,
    memoryGiB: shape.gib,
    loadUnitsPerSecond: round(loadUnitsPerSecond),
    vcpuNeeded,
    hotSetBytes,
    memoryNeededGiB,
    basis: [
      `CPU: ${round(loadUnitsPerSecond)} simple-query units/s ÷ (${SIMPLE_QUERIES_PER_VCPU}/s per vCPU × ${TARGET_CPU_UTILIZATION * 100}% target) = ${vcpuNeeded} vCPU (rule of thumb: PostgreSQL serves ~1k–5k simple indexed queries/s per vCPU)`,
      `memory: hot set ${formatBytes(hotSetBytes)} (indexes + recent rows) ÷ ${HOT_SET_SHARE_OF_RAM * 100}% = ${memoryNeededGiB} GiB, so the working set is served from RAM`,
      `${size} vCPU / ${shape.gib} GiB: the smallest size with both, ${shape.family} (${shape.gib / size} GiB per vCPU)${byMemory && shape.family === 'memory-optimised' ? '; memory decides it (a 16 GiB-per-vCPU family would need half the vCPUs)' : ''}`,
    ],
  };
}

const round = (x: number) => Number(x.toPrecision(3));
