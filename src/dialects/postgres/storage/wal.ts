import { HEAP_TUPLE_HEADER_BYTES, maxAlign } from './page-layout.js';
import type { IndexSizeEstimate, TableSizeEstimate, TableWriteLoad, WriteLoadAssumptions } from '../../storage.js';

/**
 * WAL record sizes (src/include/access/xlogrecord.h, heapam_xlog.h, nbtxlog.h): every record has a
 * 24-byte XLogRecord header, a 20-byte block reference (header 4, relation 12, block 4) and a 2-byte
 * header for its main data, and is MAXALIGNed.
 */
const RECORD_HEADER = 24;
const BLOCK_REFERENCE = 20;
const MAIN_DATA_HEADER = 2;
/** xl_heap_insert (offset, flags) and xl_heap_header (infomask2, infomask, hoff) before the tuple's data. */
const HEAP_INSERT_DATA = 3 + 5;
/** xl_btree_insert: the offset the entry goes to. */
const BTREE_INSERT_DATA = 2;
/** A commit record with its timestamp, about 40 bytes once aligned. */
const COMMIT_RECORD = 40;

/**
 * Insert load of one table. WAL: the records of an insert times the full-page-write multiplier.
 * Page writes: an append fills a page before moving on, so the heap (and an index whose inserts
 * land at its end) costs 1 / rows-per-page writes per insert; an index with random keys one write
 * per insert at worst; an index that appends within each tenant one per rows-per-leaf plus, per
 * checkpoint, one page per tenant's insertion point.
 */
export function estimateWriteLoad(size: TableSizeEstimate, insertsPerSecond: number, tenants: number, assumptions: WriteLoadAssumptions): TableWriteLoad {
  const heapRecord = maxAlign(RECORD_HEADER + BLOCK_REFERENCE + MAIN_DATA_HEADER + HEAP_INSERT_DATA + (size.tuple.tupleBytes - HEAP_TUPLE_HEADER_BYTES));
  const indexRecords = size.indexes.reduce((sum, index) => sum + index.share * indexRecordBytes(index), 0);
  const recordBytesPerInsert = heapRecord + indexRecords + COMMIT_RECORD;
  const heapWrites = 1 / size.rowsPerPage;
  const indexWrites = size.indexes.reduce(
    (sum, index) => sum + index.share * leafWritesPerInsert(index, insertsPerSecond * index.share, tenants, assumptions.checkpointSeconds),
    0,
  );
  const pageWritesPerInsert = heapWrites + indexWrites;
  return {
    table: size.table,
    insertsPerSecond,
    recordBytesPerInsert,
    walBytesPerSecond: insertsPerSecond * recordBytesPerInsert * assumptions.fullPageWriteMultiplier,
    pageWritesPerInsert,
    pageWritesPerSecond: insertsPerSecond * pageWritesPerInsert,
    leafReadsPerSecond: insertsPerSecond * size.indexes.reduce((sum, index) => sum + (index.insertPattern === 'random' ? index.share : 0), 0),
  };
}

function indexRecordBytes(index: IndexSizeEstimate): number {
  // The index tuple without its line pointer; other methods are sized as B-tree entries, roughly.
  return maxAlign(RECORD_HEADER + BLOCK_REFERENCE + MAIN_DATA_HEADER + BTREE_INSERT_DATA + Math.max(0, index.entryBytes - 4));
}

export function leafWritesPerInsert(
  index: Pick<IndexSizeEstimate, 'insertPattern' | 'rowsPerLeaf'>,
  insertsPerSecond: number,
  tenants: number,
  checkpointSeconds: number,
): number {
  const perLeaf = Math.max(1, index.rowsPerLeaf);
  switch (index.insertPattern) {
    case 'sequential':
      return 1 / perLeaf;
    case 'random':
      return 1;
    case 'per-tenant-sequential': {
      const perCheckpoint = insertsPerSecond * checkpointSeconds;
      return perCheckpoint <= 0 ? 1 : Math.min(1, 1 / perLeaf + Math.max(1, tenants) / perCheckpoint);
    }
  }
}
