import type { Schema } from '../../model/schema.js';
import type { QueryShape } from '../../sql/query-shape.js';
import type { StorageModel } from '../../dialects/storage.js';
import { VolumeStatistics } from '../indexes/statistics.js';
import { tableAccesses } from '../indexes/table-access.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import type { RangeWindow } from './range-window.js';

/** Serialized results (JSON, msgpack) take about twice the stored width of their values. */
const SERIALIZATION_FACTOR = 2;
/** A cache entry's own cost beyond its value: the key, headers, expiry (about Redis's per-key overhead). */
export const ENTRY_OVERHEAD_BYTES = 100;
/** GROUP BY over values the spec cannot count: assume this many groups. */
const ASSUMED_GROUPS = 100;
/** A query without LIMIT or aggregate: assume it returns at most this many rows. */
const ASSUMED_MAX_ROWS = 1000;

const BUCKET_SECONDS: Readonly<Record<string, number>> = { minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_629_746 };

export interface ResultSize {
  readonly rows: number;
  readonly valueBytes: number;
  readonly basis: string;
}

/** Rows and bytes of one cached result: the pattern's LIMIT, groups or estimated matches, times its projected width. */
export function estimateResultSize(
  pattern: WorkloadPattern,
  schema: Schema,
  tenants: number | undefined,
  window: RangeWindow | undefined,
  storage: StorageModel,
): ResultSize {
  const shape = pattern.shape;
  const matches = matchingRows(pattern, schema, tenants);
  const { rows, basis } = resultRows(shape, matches, window);
  const rowBytes = projectedWidth(shape, schema, storage);
  return { rows, valueBytes: Math.ceil(rows * rowBytes * SERIALIZATION_FACTOR), basis: `${basis}, about ${rowBytes} bytes each` };
}

function resultRows(shape: QueryShape, matches: number, window: RangeWindow | undefined): { rows: number; basis: string } {
  // The LIMIT is an upper bound that does not depend on volumes the spec may not state.
  if (typeof shape.limit === 'number') return { rows: Math.max(1, shape.limit), basis: `at most ${shape.limit} rows (LIMIT)` };
  if (shape.groupBy.length > 0) {
    const bucket = shape.groupBy
      .map((g) => /date_trunc\('(\w+)'/.exec(g.expression ?? '')?.[1])
      .find((b) => b !== undefined && BUCKET_SECONDS[b] !== undefined);
    if (bucket && window) {
      const groups = Math.ceil(window.seconds / BUCKET_SECONDS[bucket]!);
      return { rows: groups, basis: `${groups} ${bucket} groups over the window` };
    }
    return { rows: Math.max(1, Math.min(ASSUMED_GROUPS, matches)), basis: `up to ${ASSUMED_GROUPS} groups assumed` };
  }
  if (shape.aggregates.length > 0) return { rows: 1, basis: 'one aggregate row' };
  return { rows: Math.max(1, Math.min(ASSUMED_MAX_ROWS, Math.round(matches))), basis: 'estimated matching rows' };
}

function matchingRows(pattern: WorkloadPattern, schema: Schema, tenants: number | undefined): number {
  const accesses = tableAccesses(pattern, schema, new VolumeStatistics(schema, tenants));
  return accesses.find((a) => a.role === 'driving')?.estimatedRows ?? 1;
}

/** Bytes of one result row: stored widths of the projected columns; aggregates count as 8-byte numbers. */
function projectedWidth(shape: QueryShape, schema: Schema, storage: StorageModel): number {
  const columnType = (table: string | undefined, column: string | undefined) =>
    schema.tables.find((t) => t.name === table)?.columns.find((c) => c.name === column)?.type;
  let bytes = 0;
  for (const item of shape.projected) {
    if (item.star) {
      const aliases = shape.tables.filter((t) => t.scope === 'main' && (item.alias === undefined || t.alias === item.alias));
      for (const ref of aliases) for (const c of schema.tables.find((t) => t.name === ref.table)?.columns ?? []) bytes += storage.storedWidth(c.type).bytes;
      continue;
    }
    const type = columnType(item.table, item.column);
    bytes += type ? storage.storedWidth(type).bytes : 8;
  }
  return Math.max(8, bytes);
}
