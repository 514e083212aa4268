import type { Schema, Table } from '../../model/schema.js';
import type { QueryShape } from '../../sql/query-shape.js';
import type { Spec } from '../../spec/spec.js';
import { VolumeStatistics } from '../indexes/statistics.js';
import { tableAccesses, type WorkloadPattern } from '../indexes/table-access.js';
import { fixedRangeWindow } from '../caching/range-window.js';
import { MONTH_SECONDS } from './node-limits.js';

/** Rows a query reads that cost as much as its own overhead (parse, plan, round trip): ~100 index entries. */
const ROWS_PER_LOAD_UNIT = 100;
/** A single-row write: the row, its WAL record and commit cost about two simple reads… */
const WRITE_BASE_UNITS = 2;
/** …plus one B-tree insertion per index. */
const UNITS_PER_INDEX = 0.5;

export type WriteShape = Extract<QueryShape, { writesTable: string }>;
export const isWriteShape = (shape: QueryShape): shape is WriteShape => shape.kind === 'insert' || shape.kind === 'update' || shape.kind === 'delete';

/** One pattern's cost in simple-query units, and what routing it allows. */
export interface PatternLoad {
  readonly name: string;
  readonly kind: 'read' | 'write';
  readonly ratePerSecond: number;
  readonly unitsPerCall: number;
  readonly unitsPerSecond: number;
  /** For writes: the table written. */
  readonly table?: string;
  readonly stalenessSeconds?: number;
  readonly p99Seconds?: number;
  /** Inserts the spec's growth implies where no write pattern inserts into the table. */
  readonly implied?: true;
}

/**
 * rule:load-in-simple-queries. A read costs 1 unit plus 1 per ~100 rows it reads (rows estimated
 * from the spec's volumes and a fixed time window's share of the growth); a write 2 units plus 0.5 per index of its table. Tables that grow with no
 * insert pattern get their growth as implied inserts, so their write load is not lost.
 */
export function patternLoads(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[]): PatternLoad[] {
  const stats = new VolumeStatistics(schema, spec.requirements.tenants);
  const loads: PatternLoad[] = workload.map((pattern) => {
    const stated = spec.accessPatterns.find((p) => p.name === pattern.name);
    const common = {
      name: pattern.name,
      ratePerSecond: pattern.ratePerSecond,
      ...(stated?.staleness ? { stalenessSeconds: stated.staleness.seconds } : {}),
      ...(pattern.p99Seconds !== undefined ? { p99Seconds: pattern.p99Seconds } : {}),
    };
    const shape = pattern.shape;
    if (isWriteShape(shape)) {
      const table = schema.tables.find((t) => t.name === shape.writesTable);
      const read = shape.kind === 'insert' && shape.source === 'select' ? rowsRead(pattern, schema, stats) / ROWS_PER_LOAD_UNIT : 0;
      const unitsPerCall = round(WRITE_BASE_UNITS + UNITS_PER_INDEX * indexCount(table) + read);
      return { ...common, kind: 'write', table: shape.writesTable, unitsPerCall, unitsPerSecond: round(unitsPerCall * pattern.ratePerSecond) };
    }
    const unitsPerCall = round(1 + rowsRead(pattern, schema, stats) / ROWS_PER_LOAD_UNIT);
    return { ...common, kind: 'read', unitsPerCall, unitsPerSecond: round(unitsPerCall * pattern.ratePerSecond) };
  });
  const inserted = new Set(workload.flatMap((p) => (p.shape.kind === 'insert' ? [p.shape.writesTable] : [])));
  for (const table of schema.tables) {
    const growth = table.volume?.growthPerMonth ?? 0;
    if (growth <= 0 || inserted.has(table.name)) continue;
    const rate = growth / MONTH_SECONDS;
    const unitsPerCall = round(WRITE_BASE_UNITS + UNITS_PER_INDEX * indexCount(table));
    loads.push({ name: `growth of ${table.name}`, kind: 'write', table: table.name, ratePerSecond: round(rate), unitsPerCall, unitsPerSecond: round(unitsPerCall * rate), implied: true });
  }
  return loads;
}

/**
 * Index entries and rows a read touches: each table's estimated matches, narrowed to a fixed window
 * (`>= now() - interval '30 days'`) by the table's growth, and capped by a LIMIT that stops the scan early.
 */
function rowsRead(pattern: WorkloadPattern, schema: Schema, stats: VolumeStatistics): number {
  const shape = pattern.shape;
  const limit = typeof shape.limit === 'number' && shape.aggregates.length === 0 && shape.groupBy.length === 0 ? shape.limit : undefined;
  const window = fixedRangeWindow(shape);
  return tableAccesses(pattern, schema, stats).reduce((sum, access) => {
    const volume = schema.tables.find((t) => t.name === access.table)?.volume;
    const inWindow = window?.table === access.table && volume && volume.growthPerMonth > 0 && volume.rows > 0 ? Math.min(1, (volume.growthPerMonth * window.seconds) / MONTH_SECONDS / volume.rows) : 1;
    const rows = access.estimatedRows * inWindow;
    return sum + (limit !== undefined ? Math.min(rows, limit) : rows);
  }, 0);
}

/** The primary key, unique constraints and indexes each take an insertion per written row. */
const indexCount = (table: Table | undefined): number => (table ? 1 + table.uniques.length + table.indexes.length : 1);

const round = (x: number) => Number(x.toPrecision(4));
