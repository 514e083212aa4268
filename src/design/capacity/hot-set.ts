import type { TableSizeEstimate } from '../../dialects/storage.js';

/**
 * An append-only table (events, readings) is read at its recent end: its last day stays in memory,
 * not its last month; at 1M rows/s a month would be petabytes that no read touches.
 */
export const APPEND_ONLY_HOT_SECONDS = 86_400;

export const HOT_SET_RULE =
  "every index's internal pages and metapage; for each table that grows, what its last month of inserts filled (its last day for an append-only table): the heap pages and, per index, those entries' worth of leaf pages (at least a leaf per tenant where inserts append per tenant); all of a table that does not grow";

/** Bytes of one table that stay in memory by HOT_SET_RULE, at its size `size`, taking `insertsPerMonth` new rows, in pages of `pageBytes`. */
export function hotBytes(size: TableSizeEstimate, insertsPerMonth: number, tenants: number, pageBytes: number): number {
  if (insertsPerMonth <= 0) return size.totalBytes;
  const recent = Math.min(size.rows, insertsPerMonth);
  const heapPages = Math.min(size.heapPages, Math.ceil(recent / size.rowsPerPage));
  let indexPages = 0;
  for (const index of size.indexes) {
    const leaves = Math.ceil((recent * index.share) / Math.max(1, index.rowsPerLeaf));
    const floor = index.insertPattern === 'per-tenant-sequential' ? Math.max(1, tenants) : 1;
    indexPages += index.upperPages + Math.min(index.leafPages, Math.max(floor, leaves));
  }
  return (heapPages + indexPages) * pageBytes;
}
