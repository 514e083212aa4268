import { formatCount } from '../../format.js';
import type { Load, PatternLoad, TableLoad } from '../../model/parts/load.js';
import type { Schema, Table } from '../../model/schema.js';
import type { QueryShape } from '../../sql/query-shape.js';
import type { Spec } from '../../model/spec.js';
import { VolumeStatistics } from '../indexes/statistics.js';
import { tableAccesses } from '../indexes/table-access.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { growthPerSecond } from './growth.js';

/**
 * One simple-query unit is an indexed point lookup: parse, plan, execute and answer, about 0.5 ms of
 * a vCPU (PostgreSQL serves ~1k–5k of them a second per vCPU; 2,000 assumed by the sizing).
 */
export const MS_PER_UNIT = 0.5;
/** Rows that cost as much as the query itself: ~1 µs per buffered row fetched through an index. */
export const ROWS_PER_UNIT = 500;
/** A single-row write: the row, its WAL record and the commit, about two simple reads… */
export const WRITE_BASE_UNITS = 2;
/** …plus one B-tree insertion per index. */
export const UNITS_PER_INDEX = 0.5;

export type WriteShape = Extract<QueryShape, { writesTable: string }>;
export const isWriteShape = (shape: QueryShape): shape is WriteShape => shape.kind === 'insert' || shape.kind === 'update' || shape.kind === 'delete';

/** A pattern's execution time measured on an engine, which replaces its estimate. */
export interface MeasuredPattern {
  readonly medianMs: number;
  /** Where the figure comes from, e.g. `EXPLAIN ANALYZE on PGlite at 430,244 seeded rows`. */
  readonly basis: string;
}

export interface LoadInput {
  readonly spec: Spec;
  readonly schema: Schema;
  readonly workload: readonly WorkloadPattern[];
  /** Rows of each table at the volumes the load is planned for (the horizon). */
  readonly rows: ReadonlyMap<string, number>;
  readonly rowsAt: string;
  readonly measured?: ReadonlyMap<string, MeasuredPattern>;
}

export const LOAD_RULES = [
  `rule:rows-like-the-planner: rows per call from the spec's volumes at the horizon, with PostgreSQL's selectivity rules: equality on a unique key 1 row, on a reference rows ÷ parent rows, on an enum or boolean rows ÷ values, on a column with a stated \`distinct\` rows ÷ distinct, else rows ÷ 200 (PostgreSQL's default without statistics); a window relative to now keeps that much growth, a range between two parameters the pattern's stated \`window\` of growth or 0.5%, one open side a third; a LIMIT caps the driving table; each joined table adds its rows per probe for each driving row`,
  `rule:load-in-simple-queries: a read costs 1 unit plus 1 per ${ROWS_PER_UNIT} rows it reads; a write ${WRITE_BASE_UNITS} units plus ${UNITS_PER_INDEX} per index of its table; a pattern verify measured costs 1 (${WRITE_BASE_UNITS} for a write) plus its execution time ÷ ${MS_PER_UNIT} ms; tables that grow with no insert pattern get their growth as implied inserts`,
  'rule:table-writes: inserts per table at peak are the larger of its insert patterns and its growth (both describe the same rows); the average is its growth spread over a month',
];

/** The load of every pattern and table: computed once, read by every analysis that sizes something. */
export function planLoad(input: LoadInput): Load {
  const { spec, schema, workload } = input;
  const stats = new VolumeStatistics(schema, spec.requirements.tenants, input.rows);
  const patterns: PatternLoad[] = workload.map((pattern) => patternLoad(pattern, input, stats));
  const inserted = new Set(workload.flatMap((p) => (p.shape.kind === 'insert' ? [p.shape.writesTable] : [])));
  for (const table of schema.tables) {
    const growth = growthPerSecond(table);
    if (growth <= 0 || inserted.has(table.name)) continue;
    const unitsPerCall = round(WRITE_BASE_UNITS + UNITS_PER_INDEX * indexCount(table));
    patterns.push({
      name: `growth of ${table.name}`,
      kind: 'write',
      ratePerSecond: round(growth),
      table: table.name,
      rowsPerCall: 0,
      rowsBasis: [`${formatCount(table.volume!.growthPerMonth)} rows a month by the spec's growth`],
      unitsPerCall,
      unitsPerSecond: round(unitsPerCall * growth),
      source: 'estimate',
      implied: true,
    });
  }
  const tables = tableLoads(schema, workload);
  const sum = (items: readonly PatternLoad[]) => round(items.reduce((s, p) => s + p.unitsPerSecond, 0));
  return {
    rowsAt: input.rowsAt,
    rules: [...LOAD_RULES],
    patterns,
    tables,
    totals: {
      readsPerSecond: round(workload.filter((p) => p.shape.kind === 'select').reduce((s, p) => s + p.ratePerSecond, 0)),
      writesPerSecond: round(tables.reduce((s, t) => s + t.insertsPerSecond + t.updatesPerSecond + t.deletesPerSecond, 0)),
      unitsPerSecond: sum(patterns),
      readUnitsPerSecond: sum(patterns.filter((p) => p.kind === 'read')),
      writeUnitsPerSecond: sum(patterns.filter((p) => p.kind === 'write')),
    },
  };
}

function patternLoad(pattern: WorkloadPattern, input: LoadInput, stats: VolumeStatistics): PatternLoad {
  const shape = pattern.shape;
  const write = isWriteShape(shape);
  const table = write ? input.schema.tables.find((t) => t.name === shape.writesTable) : undefined;
  const reads = !write || (shape.kind === 'insert' && shape.source === 'select') || shape.kind === 'update' || shape.kind === 'delete';
  const read = reads ? rowsRead(pattern, input.schema, stats) : { rows: 0, basis: ['writes the values it is given'] };
  const measured = input.measured?.get(pattern.name);
  const base = write ? WRITE_BASE_UNITS : 1;
  const unitsPerCall = round(
    measured ? base + measured.medianMs / MS_PER_UNIT : base + (write ? UNITS_PER_INDEX * indexCount(table) : 0) + read.rows / ROWS_PER_UNIT,
  );
  return {
    name: pattern.name,
    kind: write ? 'write' : 'read',
    ratePerSecond: pattern.ratePerSecond,
    ...(write ? { table: shape.writesTable } : {}),
    rowsPerCall: round(read.rows),
    rowsBasis: measured ? [`measured: ${measured.medianMs} ms median, ${measured.basis}`, ...read.basis] : read.basis,
    unitsPerCall,
    unitsPerSecond: round(unitsPerCall * pattern.ratePerSecond),
    source: measured ? 'measured' : 'estimate',
    ...(measured ? { measuredMs: measured.medianMs } : {}),
    ...(pattern.stalenessSeconds !== undefined ? { stalenessSeconds: pattern.stalenessSeconds } : {}),
    ...(pattern.p99Seconds !== undefined ? { p99Seconds: pattern.p99Seconds } : {}),
    implied: false,
  };
}

/**
 * Rows one call reads: the driving table's estimate (capped by a LIMIT that stops the scan early),
 * then for each driving row what each joined table yields per probe.
 */
function rowsRead(pattern: WorkloadPattern, schema: Schema, stats: VolumeStatistics): { rows: number; basis: string[] } {
  const shape = pattern.shape;
  const accesses = tableAccesses(pattern, schema, stats);
  const driving = accesses.find((a) => a.role === 'driving');
  if (!driving) return { rows: 0, basis: ['reads no table of the schema'] };
  const lookups = accesses.filter((a) => a.role === 'lookup');
  // A LIMIT stops the driving scan early only when nothing after it reorders the rows: no aggregate,
  // and no ORDER BY on a joined table (that needs every joined row before the top ones are known).
  const sortsOnLookup = shape.orderBy.some((o) => o.alias !== undefined && lookups.some((l) => l.alias === o.alias));
  const limit = typeof shape.limit === 'number' && shape.aggregates.length === 0 && shape.groupBy.length === 0 && !sortsOnLookup ? shape.limit : undefined;
  const drivingRows = limit !== undefined ? Math.min(driving.estimatedRows, limit) : driving.estimatedRows;
  const rows = drivingRows + lookups.reduce((sum, a) => sum + drivingRows * a.estimatedRows, 0);
  return {
    rows,
    basis: [
      `${driving.table} drives: ${driving.rowsBasis.join('; ')}${limit !== undefined && limit < driving.estimatedRows ? `; LIMIT ${limit}` : ''}`,
      ...lookups.map((a) => `${a.table} per ${driving.table} row: ${a.rowsBasis.join('; ')}`),
    ],
  };
}

/** Inserts count once per table: an insert pattern and the entity's growth describe the same rows. */
export function tableLoads(schema: Schema, workload: readonly WorkloadPattern[]): TableLoad[] {
  return schema.tables.map((table) => {
    const writes = workload.filter((p) => isWriteShape(p.shape) && p.shape.writesTable === table.name);
    const rate = (kind: string) => round(writes.filter((p) => p.shape.kind === kind).reduce((s, p) => s + p.ratePerSecond, 0));
    const fromPatterns = rate('insert');
    const growth = growthPerSecond(table);
    const inserts = Math.max(fromPatterns, growth);
    return {
      table: table.name,
      readsPerSecond: round(
        workload.filter((p) => p.shape.kind === 'select' && p.shape.tables.some((t) => t.table === table.name)).reduce((s, p) => s + p.ratePerSecond, 0),
      ),
      insertsPerSecond: round(inserts),
      averageInsertsPerSecond: round(table.volume ? growth : fromPatterns),
      updatesPerSecond: rate('update'),
      deletesPerSecond: rate('delete'),
      insertSource: inserts === 0 ? 'none' : fromPatterns >= growth ? 'patterns' : 'growth',
    };
  });
}

/** The primary key, unique constraints and indexes each take an insertion per written row. */
const indexCount = (table: Table | undefined): number => (table ? 1 + table.uniques.length + table.indexes.length : 1);
const round = (x: number) => Number(x.toPrecision(4));
