import type { MeasuredTableSize } from '../../model/measured.js';

/** The model's estimate of one table, as pg_table_size / pg_indexes_size count it. */
export interface EstimatedTableSize {
  readonly tableBytes: number;
  readonly indexBytes: number;
  readonly totalBytes: number;
}

export interface SizeComparison {
  readonly table: string;
  readonly estimatedBytes: number;
  readonly measuredBytes: number;
  /** (estimated − measured) / measured, in percent: positive when the model overestimates. */
  readonly errorPct: number;
  readonly heap: { readonly estimatedBytes: number; readonly measuredBytes: number; readonly errorPct: number };
  readonly indexes: { readonly estimatedBytes: number; readonly measuredBytes: number; readonly errorPct: number };
}

export interface SizeComparisonReport {
  /** Tables present in both, in the estimate's order. */
  readonly tables: readonly SizeComparison[];
  readonly total: { readonly estimatedBytes: number; readonly measuredBytes: number; readonly errorPct: number };
  /** Tables only one side has. */
  readonly unmatched: readonly string[];
}

/** Compares the estimate at the measured row counts with what the engine reports. Pure. */
export function compareWithEstimate(
  estimated: ReadonlyMap<string, EstimatedTableSize>,
  measured: ReadonlyMap<string, MeasuredTableSize>,
): SizeComparisonReport {
  const tables: SizeComparison[] = [];
  for (const [table, e] of estimated) {
    const m = measured.get(table);
    if (!m) continue;
    tables.push({
      table,
      ...pair(e.totalBytes, m.totalBytes),
      heap: pair(e.tableBytes, m.heapBytes),
      indexes: pair(e.indexBytes, m.indexBytes),
    });
  }
  const unmatched = [...[...estimated.keys()].filter((t) => !measured.has(t)), ...[...measured.keys()].filter((t) => !estimated.has(t))];
  const total = pair(
    tables.reduce((s, t) => s + t.estimatedBytes, 0),
    tables.reduce((s, t) => s + t.measuredBytes, 0),
  );
  return { tables, total, unmatched };
}

function pair(estimatedBytes: number, measuredBytes: number) {
  const errorPct = measuredBytes === 0 ? (estimatedBytes === 0 ? 0 : 100) : ((estimatedBytes - measuredBytes) / measuredBytes) * 100;
  return { estimatedBytes, measuredBytes, errorPct: Math.round(errorPct * 100) / 100 };
}
