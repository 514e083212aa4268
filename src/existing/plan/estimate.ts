import type { TableWork } from '../../dialects/locks.js';
import type { Schema } from '../../model/schema.js';
import { tableKey } from '../../model/change.js';
import type { StepEstimate } from './plan.js';

/**
 * Assumed throughputs of one server core on SSD storage, stated in every estimate so a reader can
 * scale them: a sequential scan, a rewrite (read, write the heap and rebuild its indexes), an index
 * build (CONCURRENTLY scans twice), and a batched backfill's rows per second.
 */
export const RATES = { scanBytesPerSecond: 200e6, rewriteBytesPerSecond: 50e6, indexBuildBytesPerSecond: 80e6, backfillRowsPerSecond: 20_000 } as const;

/** Bytes per row assumed when only a row count is known (a spec's volume): a narrow row with its header. */
const ASSUMED_ROW_BYTES = 120;

export interface TableSize {
  readonly rows: number;
  readonly bytes: number;
  readonly basis: string;
}

/** Table key -> its size, from introspected statistics where the schema has them, else from the spec's volume. */
export function tableSizes(schema: Schema): Map<string, TableSize> {
  const sizes = new Map<string, TableSize>();
  for (const t of schema.tables) {
    const key = tableKey(t);
    if (t.stats && (t.stats.rows !== null || t.stats.tableBytes > 0)) {
      const rows = t.stats.rows ?? Math.round(t.stats.tableBytes / ASSUMED_ROW_BYTES);
      sizes.set(key, { rows, bytes: t.stats.tableBytes, basis: `introspected statistics: ${count(rows)} rows, ${megabytes(t.stats.tableBytes)}` });
    } else if (t.volume) {
      const bytes = t.volume.rows * ASSUMED_ROW_BYTES;
      sizes.set(key, { rows: t.volume.rows, bytes, basis: `spec volume: ${count(t.volume.rows)} rows × ${ASSUMED_ROW_BYTES} B assumed` });
    }
  }
  return sizes;
}

/** How long the step's work takes on a table of this size, at the stated rates; null when the size is unknown. */
export function estimateStep(work: TableWork | 'backfill', buildsIndex: boolean, size: TableSize | undefined): StepEstimate | null {
  if (work === 'metadata' && !buildsIndex) return { seconds: 0, basis: 'catalog only: no row is read' };
  if (!size) return null;
  const seconds =
    work === 'backfill'
      ? size.rows / RATES.backfillRowsPerSecond
      : buildsIndex
        ? (2 * size.bytes) / RATES.indexBuildBytesPerSecond
        : work === 'rewrite'
          ? size.bytes / RATES.rewriteBytesPerSecond
          : size.bytes / RATES.scanBytesPerSecond;
  const rate =
    work === 'backfill'
      ? `${count(RATES.backfillRowsPerSecond)} rows/s`
      : buildsIndex
        ? `two passes at ${RATES.indexBuildBytesPerSecond / 1e6} MB/s`
        : work === 'rewrite'
          ? `${RATES.rewriteBytesPerSecond / 1e6} MB/s`
          : `${RATES.scanBytesPerSecond / 1e6} MB/s`;
  return {
    seconds: Math.round(seconds * 100) / 100,
    basis: `${size.basis}; ${work === 'backfill' ? 'backfill' : buildsIndex ? 'index build' : work} at ${rate} (assumed)`,
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
