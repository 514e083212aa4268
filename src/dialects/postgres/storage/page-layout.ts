import type { LogicalType } from '../../../model/logical-type.js';

/**
 * PostgreSQL's on-disk sizes, from its documentation ("Database Page Layout") and the facts measured
 * in shared/notes (checked exactly on PostgreSQL 15): 8 kB pages, MAXALIGN 8, B-tree leaf fillfactor 90.
 */
export const PAGE_BYTES = 8192;
const MAXALIGN = 8;
const BTREE_LEAF_USABLE = 8152 - 819; // page minus header/special space, minus the 10% left free (fillfactor 90)
const BTREE_INTERNAL_FILL = 0.7;

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/** Bytes a value takes inside a tuple or index entry, and its alignment; varlena widths are typical, not maximal. */
export function storedWidth(type: LogicalType): { bytes: number; align: number } {
  switch (type.kind) {
    case 'int64':
    case 'float':
    case 'timestamp':
    case 'time':
      return { bytes: 8, align: 8 };
    case 'int32':
    case 'date':
    case 'enum':
      return { bytes: 4, align: 4 };
    case 'int16':
      return { bytes: 2, align: 2 };
    case 'money':
      return { bytes: 8, align: 8 };
    case 'bool':
      return { bytes: 1, align: 1 };
    case 'uuid':
      return { bytes: 16, align: 1 };
    case 'decimal':
      // numeric: a short varlena header plus 2 bytes per 4 decimal digits; typical amounts use ~3 groups.
      return { bytes: 1 + 2 + 2 * Math.min(3, Math.ceil(type.precision / 4)), align: 1 };
    case 'char':
      // blank-padded to its length: the whole length is stored (one byte per character assumed).
      return { bytes: (type.length + 1 < 127 ? 1 : 4) + type.length, align: 1 };
    case 'string':
      // assume values fill about half the declared length, capped: names, codes and emails are short.
      return { bytes: 1 + Math.min(Math.ceil(type.length / 2), 40), align: 1 };
    case 'text':
    case 'bytes':
      return { bytes: 1 + 40, align: 1 };
    case 'json':
      return { bytes: 4 + 120, align: 4 };
    case 'native':
      return { bytes: 16, align: 8 };
  }
}

/** One B-tree entry: 8-byte index tuple header plus keys, MAXALIGNed, plus a 4-byte line pointer. */
export function btreeEntryBytes(keyTypes: readonly LogicalType[]): number {
  let offset = 8;
  for (const type of keyTypes) {
    const { bytes, align: alignment } = storedWidth(type);
    offset = align(offset, alignment) + bytes;
  }
  return align(offset, MAXALIGN) + 4;
}

/** Estimated size of a B-tree over `rows` entries (no deduplication assumed: an upper bound for low-cardinality keys). */
export function estimateBtreeBytes(keyTypes: readonly LogicalType[], rows: number): number {
  return estimateBtree({ entryBytes: btreeEntryBytes(keyTypes), rows }).bytes;
}

/** What a B-tree holds: its leaf entries' size and how their keys repeat. */
export interface BtreeShape {
  /** One plain leaf entry: MAXALIGN(8 + key and INCLUDE bytes) + the 4-byte line pointer. */
  readonly entryBytes: number;
  readonly rows: number;
  /**
   * PostgreSQL 13+ deduplication: equal keys share one posting tuple. Only for non-unique indexes
   * without INCLUDE columns whose key types allow it. `keyDomain` is how many key values are possible.
   */
  readonly deduplicate?: { readonly keyDomain: number };
  /** Leaf fill in percent: 90 (fillfactor) when built by CREATE INDEX or appended to; about 69 under random inserts. */
  readonly leafFillPercent?: number;
}

export interface BtreeEstimate {
  readonly leafPages: number;
  /** Internal pages and the metapage: the upper levels every lookup walks. */
  readonly upperPages: number;
  readonly pages: number;
  readonly bytes: number;
  /** Leaf items (plain entries or posting tuples) a leaf page holds. */
  readonly itemsPerLeaf: number;
  /** Heap rows a leaf page points to. */
  readonly rowsPerLeaf: number;
}

const BTREE_PAGE_SPACE = 8152; // page minus the 24-byte header and 16-byte special space

export function estimateBtree(shape: BtreeShape): BtreeEstimate {
  if (shape.rows <= 0) return { leafPages: 0, upperPages: 1, pages: 1, bytes: PAGE_BYTES, itemsPerLeaf: 0, rowsPerLeaf: 0 };
  const fill = shape.leafFillPercent ?? 90;
  const leafUsable = fill === 90 ? BTREE_LEAF_USABLE : BTREE_PAGE_SPACE - Math.floor((PAGE_BYTES * (100 - fill)) / 100);
  const leaf = shape.deduplicate
    ? dedupedLeafItems(shape.entryBytes, shape.rows, shape.deduplicate.keyDomain)
    : { items: shape.rows, bytes: shape.rows * shape.entryBytes };
  const itemsPerLeaf = Math.max(1, Math.floor(leafUsable / (leaf.bytes / leaf.items)));
  const leafPages = Math.max(1, Math.ceil(leaf.items / itemsPerLeaf));
  const internalPerPage = Math.max(2, Math.floor((BTREE_PAGE_SPACE * BTREE_INTERNAL_FILL) / shape.entryBytes));
  let internal = 0;
  for (let level = leafPages; level > 1; level = Math.ceil(level / internalPerPage)) internal += Math.ceil(level / internalPerPage);
  const pages = leafPages + internal + 1;
  return { leafPages, upperPages: internal + 1, pages, bytes: pages * PAGE_BYTES, itemsPerLeaf, rowsPerLeaf: (itemsPerLeaf * shape.rows) / leaf.items };
}

/** CREATE INDEX closes a posting tuple at 10% of a page less a line pointer (nbtsort.c): 812 bytes. */
const MAX_POSTING_TUPLE = MAXALIGN * Math.floor((PAGE_BYTES * 0.1) / MAXALIGN) - 4;
const HEAP_TID_BYTES = 6;
/** Above this many rows per key the Poisson spread is narrow: every key holds about the mean. */
const POISSON_LIMIT = 500;

/**
 * Leaf items and their bytes when equal keys are merged. Rows are assumed spread uniformly at random
 * over `keyDomain` values (as references to a parent's rows are), so rows per key are Poisson.
 */
function dedupedLeafItems(entryBytes: number, rows: number, keyDomain: number): { items: number; bytes: number } {
  const base = entryBytes - 4; // the plain tuple, MAXALIGNed: the posting tuple's prefix
  const perPosting = Math.max(2, Math.floor((MAX_POSTING_TUPLE - base) / HEAP_TID_BYTES));
  const postingBytes = (n: number) => align(base + HEAP_TID_BYTES * n, MAXALIGN) + 4;
  const forKey = (k: number): { items: number; bytes: number } => {
    if (k <= 1) return { items: k, bytes: k * entryBytes };
    const full = Math.floor(k / perPosting);
    const rest = k - full * perPosting;
    const tail = rest === 0 ? { items: 0, bytes: 0 } : rest === 1 ? { items: 1, bytes: entryBytes } : { items: 1, bytes: postingBytes(rest) };
    return { items: full + tail.items, bytes: full * postingBytes(perPosting) + tail.bytes };
  };
  const domain = Math.max(1, keyDomain);
  const lambda = rows / domain;
  if (lambda > POISSON_LIMIT) {
    const low = forKey(Math.floor(lambda));
    const high = forKey(Math.ceil(lambda));
    const t = lambda - Math.floor(lambda);
    return { items: domain * (low.items + t * (high.items - low.items)), bytes: domain * (low.bytes + t * (high.bytes - low.bytes)) };
  }
  let items = 0;
  let bytes = 0;
  let p = Math.exp(-lambda);
  const last = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
  for (let k = 1; k <= last; k++) {
    p = (p * lambda) / k;
    const key = forKey(k);
    items += p * key.items;
    bytes += p * key.bytes;
  }
  return { items: Math.max(1, domain * items), bytes: Math.max(entryBytes, domain * bytes) };
}

/** Heap page layout ("Database Page Layout"): a 24-byte page header, 4-byte line pointers, tuples MAXALIGNed. */
export const HEAP_PAGE_SPACE = PAGE_BYTES - 24;
export const LINE_POINTER_BYTES = 4;
export const HEAP_TUPLE_HEADER_BYTES = 23;
/** MaxHeapTuplesPerPage for 8 kB pages. */
const MAX_HEAP_TUPLES_PER_PAGE = 291;
/** TOAST_TUPLE_THRESHOLD: a row wider than this is compressed or has values moved out of line. */
export const TOAST_TUPLE_THRESHOLD = 2032;
/** TOAST_MAX_CHUNK_SIZE: bytes of a value per TOAST row, four rows to a page. */
export const TOAST_CHUNK_BYTES = 1996;
/** A value moved to TOAST leaves an 18-byte pointer in the row. */
export const TOAST_POINTER_BYTES = 18;

export const maxAlign = (n: number) => align(n, MAXALIGN);
export const alignTo = align;

/** Tuple header offset: 23 bytes, plus the null bitmap (a bit per column) when the row holds a NULL, MAXALIGNed. */
export function tupleHeaderBytes(columns: number, withNullBitmap: boolean): number {
  return maxAlign(HEAP_TUPLE_HEADER_BYTES + (withNullBitmap ? Math.ceil(columns / 8) : 0));
}

/**
 * Rows a heap page holds: floor((8168 − 8192 × (100 − fillfactor)/100) / (tuple + 4)), at most 291.
 * `tupleBytes` is MAXALIGNed already, or an average of MAXALIGNed tuples.
 */
export function heapRowsPerPage(tupleBytes: number, fillfactor = 100): number {
  const usable = HEAP_PAGE_SPACE - Math.floor((PAGE_BYTES * (100 - fillfactor)) / 100);
  return Math.max(1, Math.min(MAX_HEAP_TUPLES_PER_PAGE, Math.floor(usable / (tupleBytes + LINE_POINTER_BYTES))));
}

/** Free space map after VACUUM: a three-level tree of pages, each leaf covering 4,069 heap pages (freespace.c). */
export function fsmBytes(heapPages: number): number {
  if (heapPages <= 0) return 0;
  const slots = 4069;
  const lastLeaf = Math.floor((heapPages - 1) / slots);
  return (3 + lastLeaf + Math.floor(lastLeaf / slots) + Math.floor(lastLeaf / slots / slots)) * PAGE_BYTES;
}

/** Visibility map after VACUUM: two bits per heap page, 32,672 heap pages a map page. */
export function visibilityMapBytes(heapPages: number): number {
  return heapPages <= 0 ? 0 : (Math.floor((heapPages - 1) / 32672) + 1) * PAGE_BYTES;
}

/** A BRIN index is about one page per 128 heap pages' summaries; tiny by design. */
export function estimateBrinBytes(heapPages: number): number {
  return (Math.ceil(heapPages / 128 / 1000) + 2) * PAGE_BYTES;
}
