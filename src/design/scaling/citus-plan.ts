import type { Schema, Table } from '../../model/schema.js';
import type { DialectSharding } from '../../dialects/dialect.js';
import type { ShardKeyEvaluation } from './shard-key.js';
import type { Sharding } from '../../model/parts/scaling.js';

/**
 * rule:citus-colocation. Tables that carry the key are distributed by it and colocated, so joins and
 * foreign keys on the key stay inside one shard; the table the key references is distributed by its
 * id in the same group (or is a reference table when small and global); other small tables become
 * reference tables, copied to every worker. Citus needs the distribution column in every primary key,
 * unique constraint and foreign key between distributed tables: what lacks it is listed to change.
 */
export function planCitus(
  key: ShardKeyEvaluation,
  schema: Schema,
  workers: number,
  shardCount: number,
  sharding: DialectSharding,
): Omit<Sharding, 'resharding'> {
  const order = parentsFirst(schema);
  const distributed = order.filter((t) => key.distributed.has(t.name));
  const reference = order.filter((t) => key.referenceTables.includes(t.name));
  const anchor = distributed[0]!;
  const column = (t: Table) => key.distributed.get(t.name)!;

  return {
    technology: 'citus',
    key: key.column,
    workers,
    shardCount,
    colocatedTables: distributed.map((t) => ({ table: t.name, column: column(t) })),
    anchorTable: anchor.name,
    referenceTables: reference.map((t) => t.name),
    localTables: [...key.localTables],
    crossShardPatterns: [...key.crossShardPatterns],
    requiredChanges: requiredChanges(distributed, reference, key),
    ddl: sharding.distributionDdl({
      shardCount,
      referenceTables: reference.map((t) => t.name),
      colocatedTables: distributed.map((t) => ({ table: t.name, column: column(t) })),
      anchorTable: anchor.name,
    }),
  };
}

function requiredChanges(distributed: readonly Table[], reference: readonly Table[], key: ShardKeyEvaluation): string[] {
  const changes: string[] = [];
  const column = (name: string) => key.distributed.get(name);
  for (const table of distributed) {
    const own = column(table.name)!;
    if (!table.primaryKey.columns.includes(own))
      changes.push(
        `primary key of \`${table.name}\` (${table.primaryKey.columns.join(', ')}) must include ${own}: make it (${[own, ...table.primaryKey.columns].join(', ')})`,
      );
    for (const unique of table.uniques)
      if (!unique.columns.includes(own))
        changes.push(
          `unique ${unique.name} (${unique.columns.join(', ')}) must include ${own}, or be enforced another way (a lookup table distributed by its own columns)`,
        );
    for (const fk of table.foreignKeys) {
      const target = column(fk.refTable);
      if (target === undefined) {
        if (!reference.some((r) => r.name === fk.refTable))
          changes.push(
            `foreign key ${fk.name} points at \`${fk.refTable}\`, which is neither distributed nor a reference table: drop it or make \`${fk.refTable}\` a reference table`,
          );
        continue;
      }
      const at = fk.columns.indexOf(own);
      if (at < 0 || fk.refColumns[at] !== target)
        changes.push(`foreign key ${fk.name} (${fk.columns.join(', ')}) must pair ${own} with \`${fk.refTable}\`.${target} to stay within a shard`);
    }
  }
  for (const table of reference)
    for (const fk of table.foreignKeys)
      if (column(fk.refTable) !== undefined)
        changes.push(
          `reference table \`${table.name}\` cannot reference distributed \`${fk.refTable}\` (${fk.name}): drop the foreign key or distribute \`${table.name}\``,
        );
  for (const name of key.localTables)
    changes.push(
      `\`${name}\` has no ${key.column} and is too large to copy to every worker: add ${key.column} (from its parent) to colocate it, or keep it on the coordinator and accept cross-node joins`,
    );
  return changes;
}

/** Tables in an order where every referenced table comes first (schema order otherwise), as Citus needs. */
function parentsFirst(schema: Schema): Table[] {
  const done = new Set<string>();
  const out: Table[] = [];
  const visit = (table: Table, path: Set<string>) => {
    if (done.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const fk of table.foreignKeys) {
      const parent = schema.tables.find((t) => t.name === fk.refTable);
      if (parent && parent !== table) visit(parent, path);
    }
    done.add(table.name);
    out.push(table);
  };
  for (const table of schema.tables) visit(table, new Set());
  return out;
}
