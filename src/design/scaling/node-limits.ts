/**
 * Rules of thumb for one PostgreSQL node, stated where they are used and in docs/caching-and-scaling.md.
 * Conservative ends of the usual ranges: a design that fits these fits with room to spare.
 */

/** Simple indexed queries (a point or short range lookup) one vCPU serves per second: 1k–5k; 2k assumed. */
export const SIMPLE_QUERIES_PER_VCPU = 2000;
/** Size for this CPU utilisation at the stated rates: headroom for spikes, vacuum, failover. */
export const TARGET_CPU_UTILIZATION = 0.5;
/** Memory-optimised instances (AWS r, GCP n2-highmem, Azure E): GiB per vCPU; the largest sizes are these. */
export const GIB_PER_VCPU = 8;
/** General-purpose instances (AWS m, GCP n2-standard, Azure D): GiB per vCPU, for a hot set that needs less. */
export const GENERAL_PURPOSE_GIB_PER_VCPU = 4;
/** Instance sizes in vCPUs, up to the largest common memory-optimised one. */
export const VCPU_SIZES = [2, 4, 8, 16, 32, 48, 64, 96, 128] as const;
/** Part of RAM the hot set may fill; the rest is for connections, work_mem, maintenance and the OS. */
export const HOT_SET_SHARE_OF_RAM = 0.75;

/** Data one node holds and still backs up, restores and rebuilds in hours: ~5–10 TB; 5 TiB assumed. */
export const MAX_DATA_BYTES_PER_NODE = 5 * 1024 ** 4;

export const GIB = 1024 ** 3;
export const MONTH_SECONDS = 2_629_746;

export const largestVcpu = (): number => VCPU_SIZES[VCPU_SIZES.length - 1]!;
export const maxHotSetBytesPerNode = (): number => largestVcpu() * GIB_PER_VCPU * GIB * HOT_SET_SHARE_OF_RAM;
