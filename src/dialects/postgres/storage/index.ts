import type { StorageModel, WriteLoadAssumptions } from '../../storage.js';
import { estimateBrinBytes, estimateBtreeBytes, PAGE_BYTES, storedWidth } from './page-layout.js';
import { estimateTableSizes } from './table-size.js';
import { estimateWriteLoad } from './wal.js';

/** PostgreSQL's storage size model: its page layout (page-layout.ts), tables and indexes, and the WAL of an insert. */
export const postgresStorage: StorageModel = {
  pageBytes: PAGE_BYTES,
  storedWidth,
  estimateBtreeBytes,
  estimateBrinBytes,
  estimateTableSizes,
  estimateWriteLoad,
  sizeAssumptions: (measured) => [
    measured
      ? 'Variable-width values (varchar, text, jsonb, numeric, bytea) take their measured average width (pg_stats.avg_width).'
      : 'Variable-width values take typical widths, not their declared maximum: varchar(n) half its length up to 40 characters, text and bytea 40 bytes, jsonb 120 bytes, numeric three groups of four digits.',
    measured
      ? 'NULLs take the measured null fraction (pg_stats.null_frac).'
      : 'Nullable columns are assumed filled, and their rows carry the null bitmap: the larger size.',
    'Rows wider than 2 kB would move their widest values to TOAST uncompressed (an upper bound); a TOAST table exists where CREATE TABLE makes one (UTF-8 database).',
    'Heap fillfactor 100; sizes as after VACUUM (free space and visibility maps present), without bloat from updates or deletes.',
    'Indexes grow by inserts: leaves that take inserts at their end stay at fillfactor 90; random keys leave them about 69% full; appends within each tenant half full, except small fixed-width keys that PostgreSQL splits after the new item.',
    "References spread uniformly over their parent's rows; equal keys of a non-unique B-tree without INCLUDE are deduplicated (PostgreSQL 13+).",
  ],
  writeAssumptions: (write: WriteLoadAssumptions) => [
    `WAL: each insert its own transaction (≈ 40-byte commit record); records as their headers and data (24-byte record header, 20-byte block reference); full-page images after each checkpoint ×${write.fullPageWriteMultiplier} (assumed; random-key indexes at high rates push it higher).`,
    `A checkpoint every ${write.checkpointSeconds} s (checkpoint_timeout): a page dirtied many times between two is written once.`,
  ],
};
