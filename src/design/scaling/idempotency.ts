import { derivedName, TENANT_COLUMN } from '../../model/naming.js';
import type { Schema, Table } from '../../model/schema.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { isWriteShape } from '../workload/plan-load.js';
import type { Idempotency } from '../../model/parts/scaling.js';

const KEY_COLUMN = 'idempotency_key';

/**
 * rule:idempotency-key. A client retries a write whose answer it did not get (timeout, failover);
 * an insert must then not create a second row. An insert that sets every column of a unique key is
 * safe (the retry conflicts: ON CONFLICT DO NOTHING); one whose only key is a generated id needs an
 * idempotency key: a client-generated UUID column with a unique constraint, scoped by tenant or shard
 * key so it stays unique within one shard, and with the partition column on a partitioned table
 * (PostgreSQL requires every unique constraint there to include it). Updates and deletes by key
 * repeat harmlessly when they set absolute values.
 */
export function planIdempotency(
  schema: Schema,
  workload: readonly WorkloadPattern[],
  distributionColumn: (table: string) => string | undefined,
): Idempotency[] {
  return workload.flatMap((pattern): Idempotency[] => {
    const shape = pattern.shape;
    if (!isWriteShape(shape)) return [];
    const table = schema.tables.find((t) => t.name === shape.writesTable);
    if (!table) return [];
    if (shape.kind !== 'insert')
      return [
        {
          pattern: pattern.name,
          table: table.name,
          kind: 'by-key',
          columns: [],
          detail: `a retried ${shape.kind.toUpperCase()} repeats harmlessly when it sets absolute values; an increment (SET n = n + :d) is not idempotent and needs an idempotency key recorded in the same transaction`,
        },
      ];
    if (shape.onConflict)
      return [
        {
          pattern: pattern.name,
          table: table.name,
          kind: 'natural-key',
          columns: [...shape.onConflict.columns],
          detail: `ON CONFLICT (${shape.onConflict.columns.join(', ')}) ${shape.onConflict.action === 'nothing' ? 'DO NOTHING' : 'DO UPDATE'} already makes a retry safe`,
        },
      ];
    const natural = naturalKey(table, shape.setColumns);
    if (natural)
      return [
        {
          pattern: pattern.name,
          table: table.name,
          kind: 'natural-key',
          columns: natural,
          detail: `the insert sets every column of unique (${natural.join(', ')}): a retry conflicts; write it as INSERT … ON CONFLICT (${natural.join(', ')}) DO NOTHING`,
        },
      ];
    const scope = [...new Set([...(table.tenantScoped ? [TENANT_COLUMN] : []), ...(distributionColumn(table.name) ? [distributionColumn(table.name)!] : [])])];
    const partition = table.partitioning?.column;
    const columns = [...new Set([...scope, KEY_COLUMN, ...(partition ? [partition] : [])])];
    const constraintName = derivedName(table.name, columns, 'key');
    const partitionNote = !partition
      ? ''
      : shape.setColumns.includes(partition)
        ? ` The table is partitioned by ${partition}, and a unique constraint there must include it: a retry must send the same ${partition} as the first attempt (a value the client chose, not now()), or it lands as a second row.`
        : ` The table is partitioned by ${partition}, and a unique constraint there must include it; the insert does not set ${partition} (it comes from a default), so a retry gets a new ${partition} and this key does not catch it: send ${partition} from the client, or record the keys in an unpartitioned table of their own.`;
    const timestamp = table.columns.find((c) => shape.setColumns.includes(c.name) && c.type.kind === 'timestamp' && !c.default);
    const reference = table.foreignKeys.find((fk) => fk.columns.every((c) => shape.setColumns.includes(c)) && fk.columns.some((c) => c !== TENANT_COLUMN));
    const alternative =
      timestamp && reference
        ? ` If the client supplies ${timestamp.name} (not now(), which differs on a retry) and a ${reference.refTable} never writes two rows at the same instant, unique (${[...reference.columns, timestamp.name].join(', ')}) is a natural key that needs no extra column.`
        : '';
    return [
      {
        pattern: pattern.name,
        table: table.name,
        kind: 'idempotency-key',
        columns,
        constraintName,
        detail: `no unique key the insert sets (only the generated ${table.primaryKey.columns.join(', ')}): a retried insert would add a second row. The client sends a UUID per logical write; insert with ON CONFLICT (${columns.join(', ')}) DO NOTHING RETURNING the row.${partitionNote}${alternative}`,
      },
    ];
  });
}

/**
 * The schema with each chosen idempotency key: a nullable uuid column (writers that do not retry
 * need not send one; NULLs never conflict) and its unique constraint.
 */
export function withIdempotencyKeys(schema: Schema, idempotency: readonly Idempotency[]): Schema {
  const keys = idempotency.filter((i) => i.kind === 'idempotency-key' && i.constraintName);
  if (keys.length === 0) return schema;
  return {
    ...schema,
    tables: schema.tables.map((table) => {
      const own = keys.filter((k) => k.table === table.name && !table.uniques.some((u) => u.name === k.constraintName));
      if (own.length === 0) return table;
      const column = table.columns.some((c) => c.name === KEY_COLUMN)
        ? []
        : [
            {
              name: KEY_COLUMN,
              type: { kind: 'uuid' as const },
              nullable: true,
              pii: false,
              comment: `Client-generated per logical write of ${own.map((k) => k.pattern).join(', ')}: a retry conflicts instead of adding a row.`,
              origin: own.map((k) => `scaling/idempotency/${k.pattern}`).join(', '),
            },
          ];
      return {
        ...table,
        columns: [...table.columns, ...column],
        // Several inserts into one table share its one key: one constraint, not one per pattern.
        uniques: [...table.uniques, ...[...new Map(own.map((k) => [k.constraintName!, { name: k.constraintName!, columns: [...k.columns] }])).values()]],
      };
    }),
  };
}

/** A primary key or unique constraint whose columns the insert sets, not counting the tenant alone. */
function naturalKey(table: Table, setColumns: readonly string[]): string[] | undefined {
  const keys = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)];
  return keys.find((k) => k.some((c) => c !== TENANT_COLUMN) && k.every((c) => setColumns.includes(c)));
}
