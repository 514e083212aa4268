import type { Schema, Table } from '../../model/schema.js';
import type { LogicalType } from '../../model/logical-type.js';
import type { Spec } from '../../spec/spec.js';
import { estimateBrinBytes, estimateBtreeBytes, PAGE_BYTES, storedWidth } from '../capacity/postgres-sizes.js';
import { MONTH_SECONDS } from './node-limits.js';

/** Tables without a volume in the spec are assumed to hold this many rows. */
const ASSUMED_ROWS = 1000;
/** Heap tuple header (23 bytes, MAXALIGNed) and its line pointer. */
const TUPLE_HEADER_BYTES = 24;
const LINE_POINTER_BYTES = 4;
/** An expression key's width when the model cannot type it. */
const EXPRESSION_KEY: LogicalType = { kind: 'native', dialect: 'postgres', sql: 'expression' };

export interface TableSize {
  readonly table: string;
  readonly rowsAtHorizon: number;
  readonly heapBytes: number;
  readonly indexBytes: number;
  /** Indexes, plus the heap rows the workload keeps touching: the last month of a growing table, all of a static one. */
  readonly hotBytes: number;
  /** Rows of the table at the horizon, from the spec's volumes, or assumed. */
  readonly stated: boolean;
}

/**
 * rule:data-size-at-horizon. Rows at the horizon = rows + growth × horizon, capped at growth ×
 * retention where rows expire. Heap = rows × tuple width (header + stored widths, aligned); indexes
 * from the B-tree model of capacity/postgres-sizes.ts. The hot set is every index (an upper bound)
 * plus the last month of heap where history outweighs a month of growth (the recent partitions);
 * for append-only tables the indexes too count only their last month.
 */
export function tableSizes(spec: Spec, schema: Schema): TableSize[] {
  const horizonMonths = spec.requirements.horizon.seconds / MONTH_SECONDS;
  return schema.tables.map((table) => {
    const volume = table.volume;
    const rows = volume?.rows || ASSUMED_ROWS;
    const growth = volume?.growthPerMonth ?? 0;
    const grown = rows + growth * horizonMonths;
    const rowsAtHorizon = Math.round(volume?.retentionSeconds !== undefined && growth > 0 ? Math.min(grown, (growth * volume.retentionSeconds) / MONTH_SECONDS) : grown);
    const rowBytes = heapRowBytes(table);
    const heapBytes = rowsAtHorizon * rowBytes;
    const btrees = indexKeySets(table).reduce((sum, keys) => sum + estimateBtreeBytes(keys, rowsAtHorizon), 0);
    const brins = table.indexes.filter((i) => i.method === 'brin').length * estimateBrinBytes(Math.ceil(heapBytes / PAGE_BYTES));
    const indexBytes = btrees + brins;
    const recentShare = growth > 0 && rowsAtHorizon > growth ? growth / rowsAtHorizon : 1;
    // Append-only rows are written and read at the recent end of their indexes too; other indexes are read anywhere.
    const hotIndexBytes = volume?.appendOnly ? indexBytes * recentShare : indexBytes;
    return { table: table.name, rowsAtHorizon, heapBytes, indexBytes, hotBytes: Math.round(hotIndexBytes + heapBytes * recentShare), stated: Boolean(volume?.rows) };
  });
}

function heapRowBytes(table: Table): number {
  let offset = TUPLE_HEADER_BYTES;
  for (const column of table.columns) {
    const { bytes, align } = storedWidth(column.type);
    offset = Math.ceil(offset / align) * align + bytes;
  }
  return Math.ceil(offset / 8) * 8 + LINE_POINTER_BYTES;
}

/** Key types of the primary key, each unique constraint and each B-tree-like index (with its INCLUDE columns); BRIN is sized apart. */
function indexKeySets(table: Table): LogicalType[][] {
  const typeOf = (column: string): LogicalType => table.columns.find((c) => c.name === column)?.type ?? EXPRESSION_KEY;
  return [
    table.primaryKey.columns.map(typeOf),
    ...table.uniques.map((u) => u.columns.map(typeOf)),
    ...table.indexes.filter((i) => i.method !== 'brin').map((i) => [...i.keys.map((k) => (k.column ? typeOf(k.column) : EXPRESSION_KEY)), ...i.include.map(typeOf)]),
  ];
}
