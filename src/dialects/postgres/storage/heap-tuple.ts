import type { Table } from '../../../model/schema.js';
import { columnWidth, isVarlena, maximumWidth } from './column-widths.js';
import type { ColumnStats } from '../../../model/measured.js';
import { alignTo, maxAlign, TOAST_POINTER_BYTES, TOAST_TUPLE_THRESHOLD, tupleHeaderBytes } from './page-layout.js';
import type { ColumnWidth, HeapTupleEstimate } from '../../storage.js';

/**
 * The average heap tuple of a table, column by column in table order ("Database Page Layout"): a
 * 23-byte header plus a null bitmap in rows holding a NULL, MAXALIGNed; each value padded to its
 * alignment, short varlena values unaligned; NULLs take no space. Padding is applied at the
 * average offset, which is exact for fixed-width columns and close for varlena ones.
 */
export function estimateHeapTuple(table: Table, stats?: ColumnStats): HeapTupleEstimate {
  const measured = stats?.get(table.name);
  let widths = table.columns.map((c) => columnWidth(c, measured?.get(c.name)));
  const natts = widths.length;
  const nullable = table.columns.some((c) => c.nullable);
  const nullBitmap = !nullable ? 'none' : measured ? 'measured' : 'assumed';

  // Rows too wide for a page quarter move their widest varlena values out of line.
  const toastedColumns: string[] = [];
  let toastBytesPerRow = 0;
  const candidates = widths.filter((w) => w.varlena).sort((a, b) => b.bytes - a.bytes || a.column.localeCompare(b.column));
  for (const candidate of candidates) {
    if (tupleHeaderBytes(natts, nullBitmap !== 'none') + maxAlign(dataBytes(widths, () => 1)) <= TOAST_TUPLE_THRESHOLD) break;
    if (candidate.bytes <= TOAST_POINTER_BYTES) break;
    toastedColumns.push(candidate.column);
    toastBytesPerRow += candidate.bytes * (1 - candidate.nullFraction);
    widths = widths.map((w) => (w.column === candidate.column ? { ...w, bytes: TOAST_POINTER_BYTES, align: 1 } : w));
  }

  return { tupleBytes: averageTuple(widths, natts, nullBitmap), widths, nullBitmap, toastedColumns, toastBytesPerRow, hasToastTable: needsToastTable(table) };
}

/**
 * Rows without a NULL have a bare 24-byte header; rows with one carry the bitmap and lack the NULL
 * values. Given which columns can be NULL, the average is the mix of the two kinds of row.
 */
function averageTuple(widths: readonly ColumnWidth[], natts: number, nullBitmap: HeapTupleEstimate['nullBitmap']): number {
  if (nullBitmap === 'none') return tupleHeaderBytes(natts, false) + maxAlign(dataBytes(widths, () => 1));
  if (nullBitmap === 'assumed') return tupleHeaderBytes(natts, true) + maxAlign(dataBytes(widths, () => 1));
  const noNull = widths.reduce((p, w) => p * (1 - w.nullFraction), 1);
  const full = tupleHeaderBytes(natts, false) + maxAlign(dataBytes(widths, () => 1));
  if (noNull >= 1) return full;
  // Given that a row holds some NULL, column i is NULL with probability f_i / P(some NULL).
  const withNull = tupleHeaderBytes(natts, true) + maxAlign(dataBytes(widths, (w) => 1 - w.nullFraction / (1 - noNull)));
  return noNull * full + (1 - noNull) * withNull;
}

/** Data bytes after the header: each value present with the given probability, padded to its alignment when present. */
function dataBytes(widths: readonly ColumnWidth[], present: (w: ColumnWidth) => number): number {
  let offset = 0;
  for (const w of widths) {
    const p = Math.max(0, Math.min(1, present(w)));
    offset = p * (alignTo(offset, w.align) + w.bytes) + (1 - p) * offset;
  }
  return offset;
}

/**
 * needs_toast_table (toasting.c): a table gets a TOAST table when a toastable column is unbounded, or
 * when its widest possible row, every column at its maximum, exceeds TOAST_TUPLE_THRESHOLD.
 */
export function needsToastTable(table: Table): boolean {
  let data = 0;
  let toastable = false;
  for (const column of table.columns) {
    const max = maximumWidth(column.type);
    if (!max) return true;
    data = alignTo(data, max.align) + max.bytes;
    if (isVarlena(column.type)) toastable = true;
  }
  return toastable && tupleHeaderBytes(table.columns.length, true) + maxAlign(data) > TOAST_TUPLE_THRESHOLD;
}
