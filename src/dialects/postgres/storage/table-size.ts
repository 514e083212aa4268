import type { Schema, Table } from '../../../model/schema.js';
import { estimateHeapTuple } from './heap-tuple.js';
import { estimateIndex, indexesOf } from './index-size.js';
import type { RowsOf } from '../../../estimate/key-domain.js';
import { partitionRows } from '../../../estimate/partition-rows.js';
import { estimateBtree, fsmBytes, heapRowsPerPage, PAGE_BYTES, TOAST_CHUNK_BYTES, visibilityMapBytes } from './page-layout.js';
import type { HeapTupleEstimate, IndexGrowth, IndexSizeEstimate, SizeOptions, TableSizeEstimate } from '../../storage.js';

/** TOAST rows: a 24-byte header, chunk_id, chunk_seq and up to 1,996 bytes of value; four to a page. */
const TOAST_ROWS_PER_PAGE = 4;
const TOAST_INDEX_ENTRY_BYTES = 20; // (oid, int4) B-tree entry with its line pointer

/**
 * Sizes of every table of the schema at the given row counts, as PostgreSQL lays them out after
 * VACUUM (free space and visibility maps present). Pure and deterministic.
 */
export function estimateTableSizes(schema: Schema, rows: ReadonlyMap<string, number>, options: SizeOptions = {}): Map<string, TableSizeEstimate> {
  const rowsOf = (table: string) => Math.max(0, rows.get(table) ?? 0);
  return new Map(schema.tables.map((t) => [t.name, estimateTableSize(schema, t, rowsOf, options)]));
}

/** One table; a partitioned table is the sum of its partitions, each a heap with its own maps and indexes. */
export function estimateTableSize(schema: Schema, table: Table, rowsOf: RowsOf, options: SizeOptions = {}): TableSizeEstimate {
  const rows = rowsOf(table.name);
  const tuple = estimateHeapTuple(table, options.columnStats);
  const rowsPerPage = heapRowsPerPage(tuple.tupleBytes, options.fillfactor ?? 100);
  const growth = typeof options.indexGrowth === 'function' ? options.indexGrowth(table) : (options.indexGrowth ?? 'bulk');
  const relations = table.partitioning ? partitionRows(table, rows, options.monthsOfRows?.get(table.name)) : [rows];
  // Partitions of equal rows are equal: size each distinct count once.
  const bySize = new Map<number, RelationSize>();
  const parts = relations.map((partRows) => {
    let part = bySize.get(partRows);
    if (!part) bySize.set(partRows, (part = relationSize(schema, table, tuple, rowsPerPage, growth, partRows, rowsOf, options)));
    return part;
  });
  const sum = (f: (p: RelationSize) => number) => parts.reduce((s, p) => s + f(p), 0);
  const indexes = indexesOf(table).map((_, i) => sumIndexes(parts.map((p) => p.indexes[i]!)));
  const heapPages = sum((p) => p.heapPages);
  const tableBytes = sum((p) => p.heapPages * PAGE_BYTES + p.fsmBytes + p.vmBytes + p.toastBytes);
  const indexBytes = indexes.reduce((s, i) => s + i.bytes, 0);
  return {
    table: table.name,
    rows,
    tuple,
    rowsPerPage,
    partitions: relations.length,
    heapPages,
    heapBytes: heapPages * PAGE_BYTES,
    fsmBytes: sum((p) => p.fsmBytes),
    vmBytes: sum((p) => p.vmBytes),
    toastBytes: sum((p) => p.toastBytes),
    tableBytes,
    indexes,
    indexBytes,
    totalBytes: tableBytes + indexBytes,
  };
}

interface RelationSize {
  readonly heapPages: number;
  readonly fsmBytes: number;
  readonly vmBytes: number;
  readonly toastBytes: number;
  readonly indexes: readonly IndexSizeEstimate[];
}

function relationSize(
  schema: Schema,
  table: Table,
  tuple: HeapTupleEstimate,
  rowsPerPage: number,
  growth: IndexGrowth,
  rows: number,
  rowsOf: RowsOf,
  options: SizeOptions,
): RelationSize {
  const heapPages = Math.ceil(rows / rowsPerPage);
  // Key domains and tenants come from the whole schema; this relation holds `rows` of the table.
  const partRowsOf: RowsOf = (name) => (name === table.name ? rows : rowsOf(name));
  const indexes = indexesOf(table).map((index) =>
    estimateIndex(index, {
      schema,
      table,
      rows,
      rowsOf: partRowsOf,
      widths: tuple.widths,
      heapPages,
      growth,
      ...(options.tenants !== undefined ? { tenants: options.tenants } : {}),
    }),
  );
  return { heapPages, fsmBytes: fsmBytes(heapPages), vmBytes: visibilityMapBytes(heapPages), toastBytes: toastBytes(tuple, rows), indexes };
}

/** One index over all partitions: sizes and counts add up; per-leaf figures come from the fullest partition. */
function sumIndexes(parts: readonly IndexSizeEstimate[]): IndexSizeEstimate {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const fullest = parts.reduce((a, b) => (b.entries > a.entries ? b : a), first);
  const add = (f: (i: IndexSizeEstimate) => number) => parts.reduce((s, i) => s + f(i), 0);
  return { ...fullest, entries: add((i) => i.entries), leafPages: add((i) => i.leafPages), upperPages: add((i) => i.upperPages), bytes: add((i) => i.bytes) };
}

/** An empty TOAST table is its index's metapage; values moved out of line add chunk pages and index entries. */
function toastBytes(tuple: HeapTupleEstimate, rows: number): number {
  if (!tuple.hasToastTable) return 0;
  if (tuple.toastBytesPerRow === 0 || rows === 0) return PAGE_BYTES;
  const chunks = Math.ceil(rows * Math.max(1, tuple.toastBytesPerRow / TOAST_CHUNK_BYTES));
  const pages = Math.ceil((rows * tuple.toastBytesPerRow) / (TOAST_ROWS_PER_PAGE * TOAST_CHUNK_BYTES));
  return pages * PAGE_BYTES + fsmBytes(pages) + visibilityMapBytes(pages) + estimateBtree({ entryBytes: TOAST_INDEX_ENTRY_BYTES, rows: chunks }).bytes;
}
