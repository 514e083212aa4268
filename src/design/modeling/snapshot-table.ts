import type { LogicalType } from '../../model/logical-type.js';
import type { Column, Table, Trigger } from '../../model/schema.js';
import type { Aggregate } from '../../sql/query-shape.js';
import { TENANT_COLUMN } from '../../model/naming.js';

type RunningTotal = Extract<Trigger, { kind: 'running-total' }>;

export type SnapshotPlan =
  | { readonly kind: 'snapshot'; readonly table: Table; readonly trigger: Trigger; readonly columns: readonly string[] }
  | { readonly kind: 'not-emitted'; readonly reason: string };

/**
 * rule:event-log-snapshot, its structure: `<events>_snapshot` holds one row per key of the folding
 * patterns (their equality filters) with the running sum or count they compute; an AFTER INSERT row
 * trigger on the event table adds each event in the same transaction, so the snapshot stays right
 * when retention drops old events (dropping a partition fires no trigger). Only sums and counts
 * fold this way; anything else is a reason not to emit it.
 */
export function snapshotStructureOf(events: Table, keyColumns: readonly string[], aggregates: readonly Aggregate[], patterns: readonly string[]): SnapshotPlan {
  const no = (reason: string): SnapshotPlan => ({ kind: 'not-emitted', reason });
  if (keyColumns.length === 0) return no('the folding patterns filter on no key, so the snapshot would be one row every event updates');
  const found = keyColumns.map((name) => events.columns.find((c) => c.name === name));
  const keys = found.filter((c): c is Column => c !== undefined && !c.nullable);
  if (keys.length !== keyColumns.length) return no(`its key (${keyColumns.join(', ')}) has a nullable column, which a primary key cannot hold`);
  const totals: RunningTotal['totals'][number][] = [];
  const totalColumns: Column[] = [];
  for (const a of aggregates) {
    const source = a.star ? undefined : a.column?.column;
    const sourceColumn = source === undefined ? undefined : events.columns.find((c) => c.name === source);
    const type = a.fn === 'count' ? ({ kind: 'int64' } as const) : a.fn === 'sum' && sourceColumn ? sumType(sourceColumn.type) : undefined;
    if (!type || a.distinct || (a.fn === 'count' && source !== undefined && sourceColumn?.nullable))
      return no(`${a.fn}(${source ?? '*'}) is not a sum or count a trigger can keep as a running total`);
    const column = `${a.fn}_${source ?? 'all'}`;
    if (totals.some((t) => t.column === column)) continue;
    totals.push({ column, fn: a.fn as 'sum' | 'count', ...(source !== undefined && a.fn === 'sum' ? { source } : {}) });
    totalColumns.push({ name: column, type, nullable: false, default: { kind: 'literal', value: 0 }, pii: false, origin: 'modeling/event-log' });
  }
  const name = `${events.name}_snapshot`;
  const trigger = `${name}_trigger`;
  const origin = `modeling/event-log/${events.name}`;
  const table: Table = {
    name,
    kind: 'entity',
    columns: [
      ...keys.map(({ comment: _c, default: _d, identity: _i, ...c }) => ({ ...c, origin })),
      ...totalColumns,
      { name: 'as_of', type: { kind: 'timestamp', withTimeZone: true }, nullable: false, default: { kind: 'now' }, pii: false, origin },
    ],
    primaryKey: { name: `${name}_pkey`, columns: [...keyColumns] },
    uniques: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    comment: `Running totals of ${events.name} per ${keyColumns.join(', ')}, kept by the trigger ${trigger}; ${patterns.join(', ')} read it instead of folding every event`,
    tenantScoped: events.tenantScoped && keyColumns.includes(TENANT_COLUMN),
    origin,
  };
  return {
    kind: 'snapshot',
    table,
    trigger: { kind: 'running-total', name: trigger, snapshotTable: name, keyColumns: [...keyColumns], totals, asOfColumn: 'as_of', origin },
    columns: table.columns.map((c) => c.name),
  };
}

/** Wide enough that the running sum of the column never overflows, as PostgreSQL's own sum() widens. */
function sumType(type: LogicalType): LogicalType | undefined {
  switch (type.kind) {
    case 'int16':
    case 'int32':
      return { kind: 'int64' };
    case 'int64':
      return { kind: 'decimal', precision: 38, scale: 0 };
    case 'decimal':
      return { kind: 'decimal', precision: 38, scale: type.scale };
    case 'float':
      return { kind: 'float' };
    default:
      return undefined;
  }
}
