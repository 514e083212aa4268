import type { Load } from '../../model/parts/load.js';
import { isGeneratedColumn, type Schema, type Table } from '../../model/schema.js';
import type { Requirements, Spec } from '../../model/spec.js';
import type { ValueRef } from '../../sql/query-shape.js';
import type { StorageModel } from '../../dialects/storage.js';
import { VolumeStatistics } from '../indexes/statistics.js';
import { tableAccesses } from '../indexes/table-access.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { growthPerSecond } from '../workload/growth.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/**
 * What the technology selection needs to know about a workload, derived from the spec only: rates,
 * query features, volume at the horizon and the requirements. Every list is in spec order.
 */
export interface RatedPattern {
  readonly pattern: string;
  readonly ratePerSecond: number;
}

export interface TableWrites {
  readonly table: string;
  /** Rows inserted per second: the larger of the insert patterns and the entity's growth. */
  readonly inserts: number;
  readonly updates: number;
  readonly deletes: number;
  /** Where the insert rate came from. */
  readonly insertSource: 'patterns' | 'growth' | 'none';
}

export interface AggregateFeature extends RatedPattern {
  readonly table: string;
  /** Rows one call reads at the horizon: equality filters credited, ranges not (an upper bound). */
  readonly rowsPerCall: number;
}

export interface TextSearchFeature extends RatedPattern {
  readonly table: string;
  readonly column: string;
  /** `@@` (full-text), `ILIKE`/`LIKE` with a leading wildcard, or a regular expression match. */
  readonly operator: string;
  readonly expression?: string;
  readonly tableRows: number;
}

export interface TimeSeriesFeature {
  readonly table: string;
  readonly timestampColumn: string;
  readonly rowsPerSecond: number;
  readonly retentionSeconds?: number;
  readonly rowsAtHorizon: number;
}

export interface TableVolume {
  readonly table: string;
  readonly rowsAtHorizon: number;
  /** Heap bytes only (tuple header, line pointer and typical column widths); indexes come on top. */
  readonly bytesAtHorizon: number;
}

export interface WorkloadFeatures {
  readonly reads: { readonly perSecond: number; readonly patterns: readonly RatedPattern[] };
  readonly writes: {
    readonly perSecond: number;
    readonly inserts: number;
    readonly updates: number;
    readonly deletes: number;
    readonly tables: readonly TableWrites[];
  };
  /** Reads per write; `null` when nothing is written. */
  readonly readWriteRatio: number | null;
  readonly joins: readonly RatedPattern[];
  /** Patterns that reach a table by another path than its busiest: they need secondary indexes. */
  readonly secondaryAccess: readonly RatedPattern[];
  /** Aggregating patterns, each with the rows one call reads (analytical from LARGE_SCAN_ROWS up). */
  readonly aggregates: readonly AggregateFeature[];
  readonly textSearch: readonly TextSearchFeature[];
  readonly graph: { readonly recursive: readonly RatedPattern[]; readonly selfReferences: readonly string[] };
  /** Reads that tolerate staleness: they allow a cache or a replica. */
  readonly cacheable: readonly (RatedPattern & { readonly stalenessSeconds: number })[];
  readonly timeSeries: readonly TimeSeriesFeature[];
  readonly volume: { readonly horizon: string; readonly rows: number; readonly bytes: number; readonly tables: readonly TableVolume[] };
  readonly multiRowTransactions: { readonly needed: boolean; readonly why: string };
  /** Inserts into tables whose declared keys must reject a duplicate at write time (natural keys, uniques, ON CONFLICT). */
  readonly enforcedUniqueness: { readonly needed: boolean; readonly why: string };
  readonly requirements: Requirements;
}

/** An aggregate reading at least this many rows per call is an analytical query, not a lookup. */
export const LARGE_SCAN_ROWS = 1_000_000;
/** An append-only table growing at least this fast is a time series worth a store's attention. */
export const TIME_SERIES_MIN_ROWS_PER_SECOND = 100;

const TUPLE_OVERHEAD_BYTES = 24 + 4; // heap tuple header (23, aligned) + line pointer

export function deriveWorkloadFeatures(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[], load: Load, storage: StorageModel): WorkloadFeatures {
  const horizonSeconds = spec.requirements.horizon.seconds;
  const volumes = schema.tables.map((t) => tableVolume(t, horizonSeconds, storage));
  const horizonSchema = withHorizonRows(schema, volumes);
  const stats = new VolumeStatistics(horizonSchema, spec.requirements.tenants);

  const reads = workload.filter((p) => p.shape.kind === 'select').map(rated);
  const writes = tableWrites(load);
  const writesPerSecond = sum(writes.map((w) => w.inserts + w.updates + w.deletes));
  const readsPerSecond = sum(reads.map((r) => r.ratePerSecond));

  return {
    reads: { perSecond: readsPerSecond, patterns: reads },
    writes: {
      perSecond: writesPerSecond,
      inserts: sum(writes.map((w) => w.inserts)),
      updates: sum(writes.map((w) => w.updates)),
      deletes: sum(writes.map((w) => w.deletes)),
      tables: writes,
    },
    readWriteRatio: writesPerSecond > 0 ? readsPerSecond / writesPerSecond : null,
    joins: workload.filter((p) => p.shape.kind === 'select' && joinsTables(p)).map(rated),
    secondaryAccess: secondaryAccess(workload, horizonSchema, stats),
    aggregates: aggregates(workload, horizonSchema, stats),
    textSearch: textSearches(workload, stats),
    graph: {
      recursive: workload.filter((p) => isRecursive(spec, p.name)).map(rated),
      selfReferences: schema.tables.flatMap((t) =>
        t.foreignKeys.filter((f) => f.refTable === t.name).map((f) => `${t.name}.${ownColumns(f.columns).join(', ')}`),
      ),
    },
    cacheable: spec.accessPatterns.flatMap((p) => {
      const pattern = workload.find((w) => w.name === p.name);
      return p.staleness && pattern?.shape.kind === 'select'
        ? [{ pattern: p.name, ratePerSecond: p.rate.perSecond, stalenessSeconds: p.staleness.seconds }]
        : [];
    }),
    timeSeries: timeSeries(schema, volumes),
    volume: {
      horizon: spec.requirements.horizon.text,
      rows: sum(volumes.map((v) => v.rowsAtHorizon)),
      bytes: sum(volumes.map((v) => v.bytesAtHorizon)),
      tables: volumes,
    },
    multiRowTransactions: multiRowTransactions(spec, schema, writes),
    enforcedUniqueness: enforcedUniqueness(schema, workload),
    requirements: spec.requirements,
  };
}

/** A reference's columns without the tenant column that shared-schema tenancy adds to every key. */
const ownColumns = (columns: readonly string[]) => columns.filter((c) => c !== TENANT_COLUMN);
const rated = (p: WorkloadPattern): RatedPattern => ({ pattern: p.name, ratePerSecond: p.ratePerSecond });
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Rows at the horizon: today's rows plus growth, capped by retention at the steady state (growth × retention). */
function tableVolume(table: Table, horizonSeconds: number, storage: StorageModel): TableVolume {
  const growth = growthPerSecond(table);
  let rows = (table.volume?.rows ?? 0) + growth * horizonSeconds;
  const retention = table.volume?.retentionSeconds;
  if (retention !== undefined && growth > 0) rows = Math.min(rows, growth * retention);
  const rowBytes = TUPLE_OVERHEAD_BYTES + sum(table.columns.map((c) => storage.storedWidth(c.type).bytes));
  return { table: table.name, rowsAtHorizon: Math.round(rows), bytesAtHorizon: Math.round(rows * rowBytes) };
}

function withHorizonRows(schema: Schema, volumes: readonly TableVolume[]): Schema {
  return {
    ...schema,
    tables: schema.tables.map((t) => {
      const rows = volumes.find((v) => v.table === t.name)!.rowsAtHorizon;
      return t.volume ? { ...t, volume: { ...t.volume, rows: Math.max(rows, t.volume.rows) } } : t;
    }),
  };
}

/** Inserts count once per table: an insert pattern and the entity's growth describe the same rows. */
/** Writes per table come from the load part (design/workload), the one place they are counted. */
function tableWrites(load: Load): TableWrites[] {
  return load.tables
    .filter((t) => t.insertsPerSecond + t.updatesPerSecond + t.deletesPerSecond > 0)
    .map(
      (t) => ({ table: t.table, inserts: t.insertsPerSecond, updates: t.updatesPerSecond, deletes: t.deletesPerSecond, insertSource: t.insertSource }) as const,
    );
}

function joinsTables(p: WorkloadPattern): boolean {
  const bases = new Set(p.shape.tables.map((t) => t.alias));
  return p.shape.joins.length > 0 || bases.size > 1;
}

/**
 * Patterns that reach a table by another path than its busiest one. A key-designed store can make
 * the busiest path its key; every other path needs a secondary index (or a copy of the table).
 * A path is the set of filtered columns, the tenant column aside; a full scan is not a path.
 */
function secondaryAccess(workload: readonly WorkloadPattern[], schema: Schema, stats: VolumeStatistics): RatedPattern[] {
  const paths = workload.flatMap((p) =>
    tableAccesses(p, schema, stats).flatMap((a) => {
      const columns = [...a.equality, ...a.inLists, ...a.ranges, ...a.expressions, ...a.conditions.map((c) => c.column)].filter((c) => c !== TENANT_COLUMN);
      return columns.length === 0 ? [] : [{ pattern: p.name, rate: p.ratePerSecond, table: a.table, path: [...new Set(columns)].sort().join(',') }];
    }),
  );
  const secondary = new Set<string>();
  for (const table of new Set(paths.map((p) => p.table))) {
    const rateByPath = new Map<string, number>();
    for (const p of paths.filter((x) => x.table === table)) rateByPath.set(p.path, (rateByPath.get(p.path) ?? 0) + p.rate);
    const busiest = [...rateByPath].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    for (const p of paths) if (p.table === table && p.path !== busiest) secondary.add(p.pattern);
  }
  return workload.filter((p) => secondary.has(p.name)).map(rated);
}

function aggregates(workload: readonly WorkloadPattern[], schema: Schema, stats: VolumeStatistics): AggregateFeature[] {
  return workload.flatMap((p) => {
    if (p.shape.kind !== 'select' || (p.shape.aggregates.length === 0 && p.shape.groupBy.length === 0)) return [];
    const accesses = tableAccesses(p, schema, stats);
    const driving = accesses.find((a) => a.role === 'driving');
    if (!driving) return [];
    return [{ pattern: p.name, ratePerSecond: p.ratePerSecond, table: driving.table, rowsPerCall: Math.round(driving.estimatedRows) }];
  });
}

/** Full-text operators, and LIKE/ILIKE whose pattern can start with a wildcard (no B-tree serves those). */
function textSearches(workload: readonly WorkloadPattern[], stats: VolumeStatistics): TextSearchFeature[] {
  return workload.flatMap((p) =>
    p.shape.predicates.flatMap((pred) => {
      const table = pred.table;
      if (!table || pred.negated) return [];
      const fullText = pred.op === 'other' && (pred.operator === '@@' || pred.operator === '~*' || pred.operator === '~');
      const wildcard = pred.op === 'like' && leadingWildcard(pred.value);
      if (!fullText && !wildcard) return [];
      return [
        {
          pattern: p.name,
          ratePerSecond: p.ratePerSecond,
          table,
          column: pred.column,
          operator: pred.operator,
          ...(pred.expression ? { expression: pred.expression } : {}),
          tableRows: stats.rows(table),
        },
      ];
    }),
  );
}

function leadingWildcard(value: ValueRef): boolean {
  if (value.kind === 'constant') return typeof value.value === 'string' && value.value.startsWith('%');
  if (value.kind === 'expression') return /^\(*'%/.test(value.text);
  // A bare parameter may hold a leading wildcard: the spec cannot say, so it counts as a search.
  return value.kind === 'param';
}

function isRecursive(spec: Spec, name: string): boolean {
  const sql = spec.accessPatterns.find((p) => p.name === name)?.sql ?? '';
  return /\bwith\s+recursive\b/i.test(sql);
}

/** Append-only tables with a timestamp (a declared field first, else created_at) growing fast. */
function timeSeries(schema: Schema, volumes: readonly TableVolume[]): TimeSeriesFeature[] {
  return schema.tables.flatMap((t) => {
    const rate = growthPerSecond(t);
    if (!t.volume?.appendOnly || rate < TIME_SERIES_MIN_ROWS_PER_SECOND) return [];
    const timestamps = t.columns.filter((c) => c.type.kind === 'timestamp');
    const column = timestamps.find((c) => c.origin.startsWith('entities.')) ?? timestamps[0];
    if (!column) return [];
    const retention = t.volume.retentionSeconds;
    return [
      {
        table: t.name,
        timestampColumn: column.name,
        rowsPerSecond: rate,
        ...(retention !== undefined ? { retentionSeconds: retention } : {}),
        rowsAtHorizon: volumes.find((v) => v.table === t.name)!.rowsAtHorizon,
      },
    ];
  });
}

/**
 * Strong consistency over data that references other data needs multi-row transactions: writing a
 * row and the rows it depends on (or checking they exist) must be atomic and isolated.
 */
function multiRowTransactions(spec: Spec, schema: Schema, writes: readonly TableWrites[]): WorkloadFeatures['multiRowTransactions'] {
  if (spec.requirements.consistency !== 'strong') return { needed: false, why: `consistency is ${spec.requirements.consistency}` };
  const written = new Set(writes.map((w) => w.table));
  const foreignKeys = schema.tables.flatMap((t) =>
    written.has(t.name) ? t.foreignKeys.filter((f) => f.refTable !== t.name).map((f) => ({ table: t.name, f })) : [],
  );
  // References that carry meaning first; the tenant reference every table has says little.
  const ordered = [...foreignKeys.filter(({ f }) => ownColumns(f.columns).length > 0), ...foreignKeys.filter(({ f }) => ownColumns(f.columns).length === 0)];
  const references = ordered.map(({ table, f }) => `\`${table}\` → \`${f.refTable}\``);
  if (references.length === 0) return { needed: false, why: 'no written table references another' };
  const shown = references.slice(0, 3).join(', ');
  return {
    needed: true,
    why: `consistency is strong and written tables reference others (${shown}${references.length > 3 ? `, ${references.length - 3} more` : ''}): rows and the rows they depend on change together`,
  };
}

/**
 * A write relies on the engine rejecting a duplicate when it inserts into a table with a declared key
 * that is not a generated id (a natural or composite key, a unique field), or upserts by one (ON
 * CONFLICT). Engines that deduplicate later (at merge) or overwrite silently cannot keep that promise.
 */
function enforcedUniqueness(schema: Schema, workload: readonly WorkloadPattern[]): WorkloadFeatures['enforcedUniqueness'] {
  const reasons: string[] = [];
  for (const pattern of workload) {
    const shape = pattern.shape;
    if (shape.kind !== 'insert') continue;
    const table = schema.tables.find((t) => t.name === shape.writesTable);
    if (!table) continue;
    const declared = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)]
      .map((cols) => ownColumns(cols))
      .filter((cols) => cols.length > 0 && !cols.some((c) => isGeneratedColumn(table, c)));
    if (declared.length) reasons.push(`${pattern.name} inserts into \`${table.name}\`, whose key (${declared[0]!.join(', ')}) must reject a duplicate`);
  }
  if (reasons.length === 0) return { needed: false, why: 'no insert relies on a declared key to reject a duplicate' };
  return { needed: true, why: `${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? `; ${reasons.length - 2} more` : ''}` };
}
