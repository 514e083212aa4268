import type { Decision } from '../../model/decision.js';
import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import { capacityDecisions } from './capacity-decisions.js';
import type { Capacity, MonthCapacity, TableCapacity } from '../../model/parts/capacity.js';
import type { ColumnStats } from '../../model/measured.js';
import { APPEND_ONLY_HOT_SECONDS, HOT_SET_RULE, hotBytes } from './hot-set.js';
import { keyDomain } from '../../estimate/key-domain.js';
import { horizonMonths, insertRates, MONTH_SECONDS, projectRows, type MonthRows } from './projection.js';
import type { SizeOptions, StorageModel, TableSizeEstimate, WriteLoadAssumptions } from '../../dialects/storage.js';
import { TENANT_COLUMN } from '../../model/naming.js';

export interface PlanCapacityOptions {
  /** Inserts per second by table; tables not named grow at the spec's growth per month. */
  readonly writeRates?: ReadonlyMap<string, number>;
  /** Measured column widths (the dialect's catalog statistics) in place of typical ones. */
  readonly columnStats?: ColumnStats;
  readonly fullPageWriteMultiplier?: number;
  readonly checkpointSeconds?: number;
}

/** The defaults behind every number the options leave out; each is stated in the capacity's assumptions. */
export const CAPACITY_DEFAULTS = {
  fullPageWriteMultiplier: 2,
  checkpointSeconds: 300,
} as const;

/**
 * Capacity over the horizon: month-by-month sizes from the spec's volumes, growth and retention;
 * the write load (WAL, page writes) from insert rates; the hot set. Pure and
 * deterministic: the same spec and schema give the same capacity.
 */
export function planCapacity(
  spec: Spec,
  schema: Schema,
  storage: StorageModel,
  options: PlanCapacityOptions = {},
): { capacity: Capacity; decisions: Decision[] } {
  const months = horizonMonths(spec);
  const projection = projectRows(schema, months);
  const sized = projection.map((m) => storage.estimateTableSizes(schema, m.rows, sizeOptions(spec, m, options)));
  const atHorizon = sized[sized.length - 1]!;
  const rowsAtHorizon = projection[projection.length - 1]!.rows;
  const tenants = tenantCount(spec, schema, rowsAtHorizon);
  const rates = insertRates(schema, projection, options.writeRates);
  const writeAssumptions: WriteLoadAssumptions = {
    fullPageWriteMultiplier: options.fullPageWriteMultiplier ?? CAPACITY_DEFAULTS.fullPageWriteMultiplier,
    checkpointSeconds: options.checkpointSeconds ?? CAPACITY_DEFAULTS.checkpointSeconds,
  };

  const tables: TableCapacity[] = schema.tables.map((t) => {
    const size = atHorizon.get(t.name)!;
    const rate = rates.get(t.name)!;
    const load = storage.estimateWriteLoad(size, rate.perSecond, tenants, writeAssumptions);
    return {
      ...tableSummary(size),
      insertsPerSecond: significant(rate.perSecond),
      writeRateBasis: rate.basis,
      walBytesPerSecond: Math.round(load.walBytesPerSecond),
      pageWritesPerSecond: significant(load.pageWritesPerSecond),
      hotBytes: hotBytes(size, rate.perSecond * (t.volume?.appendOnly ? APPEND_ONLY_HOT_SECONDS : MONTH_SECONDS), tenants, storage.pageBytes),
    };
  });

  const sum = (f: (t: TableCapacity) => number) => tables.reduce((s, t) => s + f(t), 0);
  const loads = schema.tables.map((t) => storage.estimateWriteLoad(atHorizon.get(t.name)!, rates.get(t.name)!.perSecond, tenants, writeAssumptions));
  const recordBytesPerSecond = loads.reduce((s, l) => s + l.insertsPerSecond * l.recordBytesPerInsert, 0);
  const walBytesPerSecond = loads.reduce((s, l) => s + l.walBytesPerSecond, 0);
  const hotSetBytes = sum((t) => t.hotBytes);

  const capacity: Capacity = {
    horizon: { text: spec.requirements.horizon.text, months },
    months: projection.map((m, i) => monthSummary(m, sized[i]!)),
    atHorizon: {
      rows: sum((t) => t.rows),
      tableBytes: sum((t) => t.tableBytes),
      indexBytes: sum((t) => t.indexBytes),
      totalBytes: sum((t) => t.totalBytes),
      tables,
    },
    wal: {
      recordBytesPerSecond: Math.round(recordBytesPerSecond),
      fullPageWriteMultiplier: writeAssumptions.fullPageWriteMultiplier,
      bytesPerSecond: Math.round(walBytesPerSecond),
      bytesPerDay: Math.round(walBytesPerSecond * 86_400),
    },
    iops: {
      pageWritesPerSecond: significant(loads.reduce((s, l) => s + l.pageWritesPerSecond, 0)),
      walFlushesPerSecond: significant(loads.reduce((s, l) => s + l.insertsPerSecond, 0)),
      insertReadsPerSecond: significant(loads.reduce((s, l) => s + l.leafReadsPerSecond, 0)),
    },
    memory: { hotSetBytes, rule: HOT_SET_RULE },
    assumptions: assumptions(storage, options, writeAssumptions),
  };
  return { capacity, decisions: capacityDecisions(capacity) };
}

function sizeOptions(spec: Spec, month: MonthRows, options: PlanCapacityOptions): SizeOptions {
  return {
    indexGrowth: 'inserts',
    monthsOfRows: month.monthsOfRows,
    ...(spec.requirements.tenants !== undefined ? { tenants: spec.requirements.tenants } : {}),
    ...(options.columnStats ? { columnStats: options.columnStats } : {}),
  };
}

/** Tenants: the tenant table's rows, else the spec's tenants, else one. */
function tenantCount(spec: Spec, schema: Schema, rows: ReadonlyMap<string, number>): number {
  const scoped = schema.tables.find((t) => t.tenantScoped && t.columns.some((c) => c.name === TENANT_COLUMN));
  if (!scoped) return 1;
  const domain = keyDomain(schema, scoped, [TENANT_COLUMN], (t) => rows.get(t) ?? 0, spec.requirements.tenants);
  return Number.isFinite(domain) ? Math.max(1, domain) : 1;
}

function tableSummary(
  size: TableSizeEstimate,
): Omit<TableCapacity, 'insertsPerSecond' | 'writeRateBasis' | 'walBytesPerSecond' | 'pageWritesPerSecond' | 'hotBytes'> {
  return {
    table: size.table,
    rows: size.rows,
    tupleBytes: round(size.tuple.tupleBytes, 1),
    rowsPerPage: size.rowsPerPage,
    partitions: size.partitions,
    heapBytes: size.heapBytes,
    tableBytes: size.tableBytes,
    indexBytes: size.indexBytes,
    totalBytes: size.totalBytes,
    indexes: size.indexes.map((i) => ({
      name: i.name,
      method: i.method,
      entries: i.entries,
      bytes: i.bytes,
      deduplicated: i.deduplicated,
      insertPattern: i.insertPattern,
    })),
    assumedWidths: size.tuple.widths.filter((w) => w.basis === 'typical').map((w) => w.column),
  };
}

function monthSummary(month: MonthRows, sizes: ReadonlyMap<string, TableSizeEstimate>): MonthCapacity {
  const tables = [...sizes.values()].map((s) => ({
    table: s.table,
    rows: month.rows.get(s.table) ?? 0,
    tableBytes: s.tableBytes,
    indexBytes: s.indexBytes,
    totalBytes: s.totalBytes,
  }));
  const sum = (f: (t: (typeof tables)[number]) => number) => tables.reduce((s, t) => s + f(t), 0);
  return { month: month.month, tableBytes: sum((t) => t.tableBytes), indexBytes: sum((t) => t.indexBytes), totalBytes: sum((t) => t.totalBytes), tables };
}

function assumptions(storage: StorageModel, options: PlanCapacityOptions, write: WriteLoadAssumptions): string[] {
  return [
    ...storage.sizeAssumptions(options.columnStats !== undefined),
    "Rows grow by the spec's growth per month until retention deletes keep pace (growth × retention months); a table already above that level keeps its stated rows (DELETE does not shrink files), unless it is partitioned: dropping partitions brings it to that level from the first month.",
    'A table without a volume follows its parents: a relation two links per row of its larger side, an entity as many rows as its larger parent, else 1,000 rows.',
    'A partitioned table spreads its rows evenly over the partitions its months of rows cover; the others hold only index metapages.',
    options.writeRates
      ? 'Inserts per second as given for the tables named; the others at their growth per month spread evenly.'
      : "Inserts per second: each table's growth per month spread evenly (peaks are higher).",
    ...storage.writeAssumptions(write),
  ];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Rates keep four significant digits: 0.00005704 stays visible, 51.48 stays readable. */
const significant = (n: number) => (n === 0 ? 0 : Number(n.toPrecision(4)));
