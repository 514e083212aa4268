import type { LogicalType } from '../model/logical-type.js';
import type { ColumnStats } from '../model/measured.js';
import type { Index, Schema, Table } from '../model/schema.js';

/**
 * A dialect's storage size model: how its engine lays rows and indexes out on disk and what a write
 * costs. The analyses size tables, indexes, the hot set and the WAL through this interface only;
 * each dialect implements it from its engine's documented page layout (src/dialects/<d>/storage/).
 */
export interface StorageModel {
  /** Bytes of one page, the unit of reads, writes and the cache. */
  readonly pageBytes: number;
  /** A typical stored value of the type: bytes and alignment (variable-width types at a typical width). */
  storedWidth(type: LogicalType): { bytes: number; align: number };
  /** A B-tree over `rows` entries of these key types. */
  estimateBtreeBytes(keyTypes: readonly LogicalType[], rows: number): number;
  /** A block-range index over a heap of `heapPages` pages. */
  estimateBrinBytes(heapPages: number): number;
  /** Every table of the schema at the given row counts: heap, out-of-line storage and indexes. */
  estimateTableSizes(schema: Schema, rows: ReadonlyMap<string, number>, options?: SizeOptions): Map<string, TableSizeEstimate>;
  /** The insert load of one table: log bytes and page writes. */
  estimateWriteLoad(size: TableSizeEstimate, insertsPerSecond: number, tenants: number, assumptions: WriteLoadAssumptions): TableWriteLoad;
  /** What the size model assumes, one sentence each, as the capacity part states them (with measured column widths or typical ones). */
  sizeAssumptions(measuredWidths: boolean): string[];
  /** What the write-load model assumes, one sentence each. */
  writeAssumptions(write: WriteLoadAssumptions): string[];
}

/** Where a column's width came from: its type (fixed width), a typical value (assumed), or the engine. */
export type WidthBasis = 'fixed' | 'typical' | 'measured';

export interface ColumnWidth {
  readonly column: string;
  /** Average bytes of a stored value, header included for varlena. */
  readonly bytes: number;
  readonly align: number;
  readonly varlena: boolean;
  /** Share of rows where the value is NULL (takes no space). */
  readonly nullFraction: number;
  readonly basis: WidthBasis;
}

export interface HeapTupleEstimate {
  /** Average tuple bytes (header, padding and data, MAXALIGNed), without the 4-byte line pointer. */
  readonly tupleBytes: number;
  readonly widths: readonly ColumnWidth[];
  /** `none`: no nullable column; `assumed`: nullable columns are assumed filled, and the bitmap counted; `measured`: from null fractions. */
  readonly nullBitmap: 'none' | 'assumed' | 'measured';
  /** Columns moved out of line because the row exceeds TOAST_TUPLE_THRESHOLD (compression ignored: an upper bound). */
  readonly toastedColumns: readonly string[];
  /** Bytes per row those columns put into the TOAST table. */
  readonly toastBytesPerRow: number;
  /** CREATE TABLE gives the table a TOAST table (its index is one page even when empty). */
  readonly hasToastTable: boolean;
}

/**
 * Where an insert lands in an index: after the last entry (`sequential`), after the last entry of
 * its tenant (`per-tenant-sequential`), or anywhere (`random`).
 */
export type InsertPattern = 'sequential' | 'per-tenant-sequential' | 'random';

/** How the index pages were filled: by CREATE INDEX (one sort, leaves at fillfactor 90), or row by row. */
export type IndexGrowth = 'bulk' | 'inserts';

export interface IndexSizeEstimate {
  readonly name: string;
  readonly method: Index['method'];
  readonly unique: boolean;
  /** Rows the index holds: all, or a partial index's share. */
  readonly entries: number;
  /** Share of rows the index covers (1 unless partial): an insert touches it with this probability. */
  readonly share: number;
  /** One plain leaf entry, line pointer included (B-tree; an approximation for other methods). */
  readonly entryBytes: number;
  readonly deduplicated: boolean;
  readonly leafPages: number;
  /** Internal pages and metapage: walked by every lookup. */
  readonly upperPages: number;
  /** Heap rows per leaf page. */
  readonly rowsPerLeaf: number;
  readonly insertPattern: InsertPattern;
  readonly bytes: number;
}

export interface SizeOptions {
  /** Measured widths and null fractions (pg_stats); without them varlena widths are typical values (assumed). */
  readonly columnStats?: ColumnStats;
  /**
   * How each table's indexes were filled: `bulk` (default), by CREATE INDEX as a restore or the
   * seeder builds them; `inserts`, row by row as a live table grows. A function decides per table.
   */
  readonly indexGrowth?: IndexGrowth | ((table: Table) => IndexGrowth);
  /** Tenants, when tenant-scoped tables have no tenant table to count them. */
  readonly tenants?: number;
  /** Heap fillfactor (PostgreSQL's default 100). */
  readonly fillfactor?: number;
  /** Months of rows a partitioned table holds (default: its spec rows over its growth, within its retention). */
  readonly monthsOfRows?: ReadonlyMap<string, number>;
}

export interface TableSizeEstimate {
  readonly table: string;
  readonly rows: number;
  readonly tuple: HeapTupleEstimate;
  readonly rowsPerPage: number;
  /** Relations holding the rows: 1, or the partitions (empty ones included). */
  readonly partitions: number;
  readonly heapPages: number;
  /** The main fork (of every partition). */
  readonly heapBytes: number;
  readonly fsmBytes: number;
  readonly vmBytes: number;
  /** TOAST tables and their indexes. */
  readonly toastBytes: number;
  /** What pg_table_size counts: heap, free space map, visibility map and TOAST. */
  readonly tableBytes: number;
  readonly indexes: readonly IndexSizeEstimate[];
  /** What pg_indexes_size counts. */
  readonly indexBytes: number;
  /** What pg_total_relation_size counts. */
  readonly totalBytes: number;
}

export interface WriteLoadAssumptions {
  /** WAL bytes with full-page images over WAL record bytes (assumed; 1 = no page images). */
  readonly fullPageWriteMultiplier: number;
  /** Seconds between checkpoints (checkpoint_timeout, default 300): a page dirtied many times in one is written once. */
  readonly checkpointSeconds: number;
}

export interface TableWriteLoad {
  readonly table: string;
  readonly insertsPerSecond: number;
  /** WAL records of one insert: heap, each index it touches, the commit. */
  readonly recordBytesPerInsert: number;
  readonly walBytesPerSecond: number;
  /** Data pages one insert dirties, on average: the heap's last page, each index's leaf. */
  readonly pageWritesPerInsert: number;
  readonly pageWritesPerSecond: number;
  /** Leaves of random-key indexes an insert reads at worst (when they are not cached). */
  readonly leafReadsPerSecond: number;
}
