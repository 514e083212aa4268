import { formatBytes } from '../capacity/postgres-sizes.js';
import type { Instance } from './scaling-schema.js';
import { GIB, GIB_PER_VCPU, HOT_SET_SHARE_OF_RAM, SIMPLE_QUERIES_PER_VCPU, TARGET_CPU_UTILIZATION, VCPU_SIZES, largestVcpu } from './node-limits.js';

/**
 * rule:instance-from-load-and-hot-set. vCPUs = load (simple-query units/s) / (2,000 per vCPU × 50%
 * target utilisation); RAM ≥ hot set / 75%. The instance is the smallest memory-optimised size
 * (8 GiB per vCPU) that has both; beyond the largest size, the result is marked as exceeding a node.
 */
export function sizeInstance(loadUnitsPerSecond: number, hotSetBytes: number, role: Instance['role'] = 'primary'): Instance {
  const vcpuNeeded = round(loadUnitsPerSecond / (SIMPLE_QUERIES_PER_VCPU * TARGET_CPU_UTILIZATION));
  const memoryNeededGiB = round(hotSetBytes / HOT_SET_SHARE_OF_RAM / GIB);
  const size = VCPU_SIZES.find((v) => v >= vcpuNeeded && v * GIB_PER_VCPU >= memoryNeededGiB) ?? largestVcpu();
  const byMemory = memoryNeededGiB > vcpuNeeded * GIB_PER_VCPU;
  return {
    role,
    vcpu: size,
    memoryGiB: size * GIB_PER_VCPU,
    loadUnitsPerSecond: round(loadUnitsPerSecond),
    vcpuNeeded,
    hotSetBytes,
    memoryNeededGiB,
    basis: [
      `CPU: ${round(loadUnitsPerSecond)} simple-query units/s ÷ (${SIMPLE_QUERIES_PER_VCPU}/s per vCPU × ${TARGET_CPU_UTILIZATION * 100}% target) = ${vcpuNeeded} vCPU (rule of thumb: PostgreSQL serves ~1k–5k simple indexed queries/s per vCPU)`,
      `memory: hot set ${formatBytes(hotSetBytes)} (indexes + recent rows) ÷ ${HOT_SET_SHARE_OF_RAM * 100}% = ${memoryNeededGiB} GiB, so the working set is served from RAM`,
      `${size} vCPU / ${size * GIB_PER_VCPU} GiB: the smallest memory-optimised size (${GIB_PER_VCPU} GiB per vCPU) with both${byMemory ? '; memory decides it (a 16 GiB-per-vCPU family would need half the vCPUs)' : ''}`,
    ],
  };
}

const round = (x: number) => Number(x.toPrecision(3));
