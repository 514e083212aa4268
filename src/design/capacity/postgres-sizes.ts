import type { LogicalType } from '../../model/logical-type.js';

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
    case 'bool':
      return { bytes: 1, align: 1 };
    case 'uuid':
      return { bytes: 16, align: 1 };
    case 'decimal':
      // numeric: a short varlena header plus 2 bytes per 4 decimal digits; typical amounts use ~3 groups.
      return { bytes: 1 + 2 + 2 * Math.min(3, Math.ceil(type.precision / 4)), align: 1 };
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
  const entry = btreeEntryBytes(keyTypes);
  const leafPerPage = Math.max(1, Math.floor(BTREE_LEAF_USABLE / entry));
  const leafPages = Math.max(1, Math.ceil(rows / leafPerPage));
  const internalPerPage = Math.max(2, Math.floor(((8152 * BTREE_INTERNAL_FILL) / entry)));
  let internal = 0;
  for (let level = leafPages; level > 1; level = Math.ceil(level / internalPerPage)) internal += Math.ceil(level / internalPerPage);
  return (leafPages + internal + 1) * PAGE_BYTES;
}

/** A BRIN index is about one page per 128 heap pages' summaries; tiny by design. */
export function estimateBrinBytes(heapPages: number): number {
  return (Math.ceil(heapPages / 128 / 1000) + 2) * PAGE_BYTES;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
