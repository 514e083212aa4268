/** What an engine's catalog reports about the tables it holds: the facts verify compares the model with. */

/** A table's size as the engine reports it; a partitioned table sums its leaf partitions. */
export interface MeasuredTableSize {
  /** The heap with its free space and visibility maps and its out-of-line (TOAST) storage. */
  readonly heapBytes: number;
  /** Every index on the table. */
  readonly indexBytes: number;
  /** Both. */
  readonly totalBytes: number;
  /** The catalog's row count: exact after a whole-table statistics pass, 0 before one. */
  readonly rows: number;
}

/** What the engine measured about one column: average stored bytes (header included) and the NULL fraction. */
export interface ColumnStat {
  readonly avgWidth: number;
  readonly nullFraction: number;
}

/** Measured statistics by table, then by column. */
export type ColumnStats = ReadonlyMap<string, ReadonlyMap<string, ColumnStat>>;

/** A stored table (a partition counts, a partitioned parent does not): the catalog's rows and pages. */
export interface StoredTable {
  readonly name: string;
  readonly rows: number;
  readonly pages: number;
}
