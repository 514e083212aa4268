import type { Decision } from '../../model/decision.js';
import { isGeneratedColumn, type Partitioning, type Schema, type Table } from '../../model/schema.js';
import { formatCount } from '../../format.js';
import { RATE_UNITS } from '../../spec/quantities.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { rowsAtMonth } from '../capacity/projection.js';

/** Below this many rows at the horizon a table's indexes stay small enough that partitions do not pay. */
const MIN_ROWS_AT_HORIZON = 100_000_000;
const PREMAKE = 3;
/** Enough for a year of daily partitions; older rows land in the default partition. */
const MAX_HISTORY = 400;

const INTERVAL_SECONDS = { day: 86_400, week: 604_800, month: RATE_UNITS.month, year: 12 * RATE_UNITS.month } as const;

/**
 * rule:time-partitioning. A large table whose rows expire (retention) and that has a required time
 * column is range-partitioned by it: expiry becomes dropping a partition (no DELETE, no bloat, no
 * vacuum debt), and time-bounded patterns touch only recent partitions. Tables referenced by
 * foreign keys are not partitioned: PostgreSQL requires the partition key in every unique
 * constraint, so every reference would have to carry it.
 */
export function partitionTables(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[]): { schema: Schema; decisions: Decision[] } {
  const decisions: Decision[] = [];
  const horizonMonths = spec.requirements.horizon.seconds / RATE_UNITS.month;
  const tables = schema.tables.map((table): Table => {
    const volume = table.volume;
    if (!volume || volume.retentionSeconds === undefined) return table;
    const rowsAtHorizon = rowsAtMonth(volume, horizonMonths);
    if (rowsAtHorizon < MIN_ROWS_AT_HORIZON) return table;
    const column = timeColumn(table, workload);
    const referencedBy = schema.tables.filter((t) => t.name !== table.name && t.foreignKeys.some((fk) => fk.refTable === table.name)).map((t) => t.name);
    if (referencedBy.length) {
      decisions.push(notPartitioned(table, rowsAtHorizon, referencedBy));
      return table;
    }
    if (!column) return table;
    const weakened = weakenedKeys(table, column);
    if (weakened.length) {
      decisions.push(keyNotWidened(table, rowsAtHorizon, column, weakened));
      return table;
    }
    const interval =
      volume.growthPerMonth >= 300_000_000 ? 'day' : volume.growthPerMonth >= 50_000_000 ? 'week' : volume.growthPerMonth >= 500_000 ? 'month' : 'year';
    const history = Math.min(MAX_HISTORY, Math.max(1, Math.ceil(volume.retentionSeconds / INTERVAL_SECONDS[interval])));
    const partitioning: Partitioning = { method: 'range', column, interval, history, premake: PREMAKE, retentionSeconds: volume.retentionSeconds };
    const withKey = (columns: readonly string[]) => (columns.includes(column) ? [...columns] : [...columns, column]);
    decisions.push(partitionedDecision(table, partitioning, rowsAtHorizon, workload));
    return {
      ...table,
      partitioning,
      primaryKey: { ...table.primaryKey, columns: withKey(table.primaryKey.columns) },
      uniques: table.uniques.map((u) => ({ ...u, columns: withKey(u.columns) })),
    };
  });
  return { schema: { ...schema, tables }, decisions };
}

/**
 * The declared keys a time partition would weaken: PostgreSQL needs the partition column in every
 * unique constraint of a partitioned table, and adding it turns "one per (stream, version)" into
 * "one per (stream, version, instant)". A generated surrogate id is unique on its own, so widening
 * it loses nothing; a natural key or a unique constraint the spec declared is a guarantee it would lose.
 */
function weakenedKeys(table: Table, column: string): string[] {
  const surrogate = (columns: readonly string[]) => columns.some((c) => isGeneratedColumn(table, c));
  const keys = [{ name: table.primaryKey.name, columns: table.primaryKey.columns }, ...table.uniques];
  return keys.filter((k) => !k.columns.includes(column) && !surrogate(k.columns)).map((k) => `${k.name} (${k.columns.join(', ')})`);
}

function keyNotWidened(table: Table, rowsAtHorizon: number, column: string, weakened: readonly string[]): Decision {
  return {
    id: `partitioning/${table.name}`,
    area: 'partitioning',
    title: `\`${table.name}\` is not partitioned: its declared keys would be weakened`,
    choice: 'one table; old rows removed by a batched retention job on an index led by the time column',
    rationale: [
      `${formatCount(rowsAtHorizon)} rows at the horizon with a retention period would favour time partitions on ${column}, but PostgreSQL requires the partition column in every unique constraint of a partitioned table.`,
      `Adding ${column} to ${weakened.join(', ')} would let two rows share those columns at different instants: the guarantee the spec declared would be gone.`,
    ],
    alternatives: [
      {
        option: `partition by ${column} and widen the keys`,
        rejectedBecause:
          'the keys would no longer enforce what the spec declared (a second writer of one version, a retried command, a duplicate like would be accepted)',
      },
      {
        option: `hash-partition by the key's leading column`,
        rejectedBecause: "it spreads rows but does not make expiry cheap; consider it when the table outgrows one node's vacuum, not for retention",
      },
    ],
    evidence: [{ tier: 'derived', source: 'rule:time-partitioning', detail: `declared keys without ${column}: ${weakened.join('; ')}` }],
    patterns: [],
  };
}

/** A required time column from the spec's own fields: one a pattern ranges over first. */
function timeColumn(table: Table, workload: readonly WorkloadPattern[]): string | undefined {
  const candidates = table.columns.filter((c) => c.type.kind === 'timestamp' && !c.nullable && c.origin.startsWith('entities.'));
  const ranged = candidates.find((c) =>
    workload.some((w) => w.shape.predicates.some((p) => p.table === table.name && p.column === c.name && p.op === 'range')),
  );
  return (ranged ?? candidates[0])?.name;
}

function partitionedDecision(table: Table, p: Partitioning, rowsAtHorizon: number, workload: readonly WorkloadPattern[]): Decision {
  const readers = workload.filter((w) => w.shape.kind === 'select' && w.shape.tables.some((t) => t.table === table.name));
  const pruned = readers.filter((w) => w.shape.predicates.some((x) => x.table === table.name && x.column === p.column && (x.op === 'range' || x.op === 'eq')));
  const unpruned = readers.filter((w) => !pruned.includes(w));
  const live = p.history + p.premake + 1;
  return {
    id: `partitioning/${table.name}`,
    area: 'partitioning',
    title: `Partition \`${table.name}\` by ${p.interval} on ${p.column}`,
    choice: `PARTITION BY RANGE (${p.column}), one partition per ${p.interval}: ${p.history} back and ${p.premake} ahead are created with the schema, plus a default partition; partitions older than the retention are dropped`,
    rationale: [
      `${formatCount(rowsAtHorizon)} rows at the horizon, and rows expire after ${Math.round((p.retentionSeconds ?? 0) / 86_400)} days: dropping a ${p.interval}'s partition replaces deleting its rows one by one (no bloat, no vacuum debt, no long lock-holding DELETE).`,
      `The partition key joins the primary key${table.uniques.length ? ' and the unique constraints' : ''}, as PostgreSQL requires of a partitioned table.`,
      pruned.length
        ? `Partition pruning serves ${pruned.map((w) => w.name).join(', ')}: they filter on ${p.column}.`
        : `No access pattern filters on ${p.column}, so none is pruned.`,
      ...(unpruned.length
        ? [
            `Cost: ${unpruned.map((w) => `${w.name} (${w.ratePerSecond}/s)`).join(', ')} do not filter on ${p.column} and probe the index of each of about ${live} live partitions per call; a rollup or snapshot table would spare them that.`,
          ]
        : []),
      `pg_partman keeps the window moving: the jobs script (\`schema/postgres-jobs.sql\`) hands ${table.name} to it, adopting these partitions, with ${p.premake} made ahead and a retention of ${Math.round((p.retentionSeconds ?? 0) / 86_400)} days, and pg_cron runs its maintenance every hour.`,
    ],
    alternatives: [
      {
        option: 'no partitioning, DELETE old rows in batches',
        rejectedBecause: 'each purge rewrites pages and indexes and leaves bloat for vacuum at this volume',
      },
      {
        option: `a ${p.interval === 'month' ? 'yearly' : 'monthly'} interval`,
        rejectedBecause:
          p.interval === 'month'
            ? 'retention would drop a year at a time and each partition would hold a year of rows'
            : 'the partition count would not match the growth rate',
      },
      { option: 'hash partitioning by tenant', rejectedBecause: 'it spreads rows but does not make expiry cheap, which is what this table needs' },
    ],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:time-partitioning',
        detail: `rows at the horizon ≥ ${formatCount(MIN_ROWS_AT_HORIZON)}, retention set, required time column ${p.column}, not referenced by a foreign key`,
      },
    ],
    patterns: readers.map((w) => w.name),
  };
}

function notPartitioned(table: Table, rowsAtHorizon: number, referencedBy: readonly string[]): Decision {
  return {
    id: `partitioning/${table.name}`,
    area: 'partitioning',
    title: `\`${table.name}\` is not partitioned`,
    choice: 'one table; old rows removed by a batched retention job',
    rationale: [
      `${formatCount(rowsAtHorizon)} rows at the horizon with a retention period would favour time partitions, but ${referencedBy.join(', ')} reference ${table.name} by foreign key.`,
      'PostgreSQL requires the partition key in every unique constraint of a partitioned table, so those references would have to carry the time column too, or lose their foreign keys.',
    ],
    alternatives: [
      {
        option: 'partition and carry the time column in every referencing table',
        rejectedBecause: "every child row would repeat its parent's time, and the children's own keys would grow",
      },
      { option: 'partition and drop the foreign keys', rejectedBecause: 'the database would no longer prevent orphans' },
    ],
    evidence: [{ tier: 'derived', source: 'rule:time-partitioning', detail: `referenced by ${referencedBy.join(', ')}` }],
    patterns: [],
  };
}
