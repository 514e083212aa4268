import type { Column, Schema, Table } from '../../../model/schema.js';
import { tableKey } from '../../../model/change.js';
import type { MigrationContext } from '../../migration.js';
import { quoteMysqlIdentifier as q } from '../quote.js';

/** A table key (`orders`, `billing.orders`: another database) as a statement names it. */
export const qualified = (key: string): string => key.split('.').map(q).join('.');

export const tableIn = (schema: Schema, key: string): Table | undefined => schema.tables.find((t) => tableKey(t) === key);

/** The table as it is before the plan, and after. */
export const before = (context: MigrationContext, key: string) => tableIn(context.from, context.tableRenames.get(key) ?? key);
export const after = (context: MigrationContext, key: string) => tableIn(context.to, key);

export const columnOf = (table: Table | undefined, name: string): Column | undefined => table?.columns.find((c) => c.name === name);

/**
 * A single-table UPDATE that changes at most `rows` rows still needing it, walking the primary key
 * (MySQL has no LIMIT in an IN subquery over the same table, but UPDATE … ORDER BY … LIMIT is
 * its own, and the order keeps it deterministic for statement-based replication).
 */
export function batchedUpdate(table: Table | undefined, key: string, set: string, pending: string, rows: number): string {
  const order = table?.primaryKey.columns.length ? ` ORDER BY ${table.primaryKey.columns.map(q).join(', ')}` : '';
  return `UPDATE ${qualified(key)} SET ${set} WHERE ${pending}${order} LIMIT ${rows}`;
}

/** Names of temporary objects, kept under MySQL's 64-character identifiers. */
export const temporaryName = (base: string, suffix: string): string => `${base.slice(0, 64 - suffix.length - 2)}__${suffix}`;
