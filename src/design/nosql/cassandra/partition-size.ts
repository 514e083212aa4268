import type { Schema } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import { RATE_UNITS } from '../../../spec/quantities.js';
import { valueWidth, MB } from '../value-sizes.js';
import { childrenPerParent, type Volumes } from '../volumes.js';
import type { TablePlan } from './query-tables.js';

export const PARTITION_LIMIT_BYTES = 100 * MB;
/** Cell metadata (the write timestamp) Cassandra keeps per value, as the partition-size formula counts it. */
const CELL_BYTES = 8;

export interface PartitionEstimate {
  readonly rows: number;
  readonly rowBytes: number;
  readonly bytes: number;
  readonly basis: string[];
}

/**
 * The size of one partition at the horizon, by the partition-size formula of Chebotko's Cassandra
 * data modeling method: the partition key and static columns once, then per row its clustering
 * and regular values plus 8 bytes of metadata per regular value. Rows per partition are the
 * table's rows over the distinct values of its partition key (children per parent for a table of
 * a parent's children); a bucket divides them by the buckets its span holds.
 */
export function partitionEstimate(schema: Schema, volumes: Volumes, table: TablePlan): PartitionEstimate {
  const width = (name: string) => valueWidth('cql', table.columns.get(name)!.type, schema).typical;
  const keyColumns = new Set([...table.partitionKey, ...table.clustering.map((c) => c.column)]);
  const regular = [...table.columns].filter(([name, c]) => !c.static && !keyColumns.has(name)).map(([name]) => name);
  const statics = [...table.columns].filter(([, c]) => c.static).map(([name]) => name);
  const basis: string[] = [];
  let rows: number;
  if (table.staticParent) {
    rows = Math.max(1, childrenPerParent(volumes, table.entity, table.staticParent.table).atHorizon);
    basis.push(`${rows} ${table.entity.name} per ${table.staticParent.table.name} at the horizon`);
  } else {
    const own = table.partitionKey.filter((c) => table.entity.columns.some((x) => x.name === c));
    let distinct = volumes.distinct(table.entity, own);
    for (const copy of table.copies)
      for (const [column, name] of copy.columns) if (table.partitionKey.includes(name)) distinct *= volumes.distinct(copy.parent, [column]);
    const total = volumes.atHorizon(table.entity.name);
    distinct = Math.min(total, distinct);
    rows = Math.max(1, total / distinct);
    basis.push(
      `${Math.round(total)} ${table.entity.name} rows at the horizon over ${Math.round(distinct)} values of (${table.partitionKey.filter((c) => c !== 'bucket').join(', ')})`,
    );
  }
  if (table.bucket) {
    const buckets = bucketsOver(volumes, table);
    rows = Math.max(1, rows / buckets);
    basis.push(`÷ ${buckets} buckets of ${table.bucket.unit}`);
  }
  const rowBytes = table.clustering.reduce((n, c) => n + width(c.column), 0) + regular.reduce((n, c) => n + width(c) + CELL_BYTES, 0);
  const bytes =
    table.partitionKey.reduce((n, c) => n + (table.columns.has(c) ? width(c) : 8), 0) +
    statics.reduce((n, c) => n + width(c) + CELL_BYTES, 0) +
    rows * rowBytes;
  return { rows: Math.round(rows * 100) / 100, rowBytes, bytes: Math.round(bytes), basis };
}

const UNITS: readonly { unit: string; seconds: number }[] = [
  { unit: 'year', seconds: 12 * RATE_UNITS.month },
  { unit: 'month', seconds: RATE_UNITS.month },
  { unit: 'week', seconds: 604_800 },
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
];

/** Seconds of rows a table holds: its rows over its growth, within its retention. */
function spanSeconds(volumes: Volumes, table: TablePlan): number | undefined {
  const v = table.entity.volume;
  if (!v || v.growthPerMonth <= 0) return undefined;
  const months = volumes.atHorizon(table.entity.name) / v.growthPerMonth;
  const retention = v.retentionSeconds !== undefined ? v.retentionSeconds / RATE_UNITS.month : Number.POSITIVE_INFINITY;
  return Math.min(months, retention) * RATE_UNITS.month;
}

function bucketsOver(volumes: Volumes, table: TablePlan): number {
  const b = table.bucket!;
  if (b.kind === 'hash') return Number(b.unit.replace(/\D/g, '')) || 1;
  const span = spanSeconds(volumes, table) ?? 0;
  const unit = UNITS.find((u) => u.unit === b.unit)!;
  return Math.max(1, Math.ceil(span / unit.seconds));
}

/**
 * A bucket for a partition over the limit: by time when rows carry an instant and arrive over
 * time (the coarsest unit that keeps each partition under the limit: fewest partitions to read),
 * else by a hash of the key into enough buckets to halve the limit.
 */
export function chooseBucket(schema: Schema, volumes: Volumes, table: TablePlan, estimate: PartitionEstimate): TablePlan['bucket'] {
  const timeColumn = [...table.clustering.map((c) => c.column), ...table.columns.keys()].find((c) => {
    const kind = table.columns.get(c)?.type.kind;
    return kind === 'timestamp' || kind === 'date';
  });
  const span = spanSeconds(volumes, table);
  if (timeColumn && span) {
    for (const u of UNITS) {
      const buckets = Math.max(1, Math.ceil(span / u.seconds));
      if (estimate.bytes / buckets <= PARTITION_LIMIT_BYTES)
        return {
          column: 'bucket',
          kind: 'time',
          of: timeColumn,
          unit: u.unit,
          why: `one partition would hold about ${Math.round(estimate.bytes / MB)} MB; a ${u.unit} of ${timeColumn} per partition keeps each under ${PARTITION_LIMIT_BYTES / MB} MB`,
        };
    }
  }
  const n = Math.ceil(estimate.bytes / (PARTITION_LIMIT_BYTES / 2));
  const of = table.entity.primaryKey.columns.find((c) => c !== TENANT_COLUMN) ?? table.entity.primaryKey.columns[0]!;
  return {
    column: 'bucket',
    kind: 'hash',
    of,
    unit: `${n} buckets`,
    why: `one partition would hold about ${Math.round(estimate.bytes / MB)} MB and its rows carry no instant to split by: ${n} hash buckets of ${of} keep each near half the limit`,
  };
}
