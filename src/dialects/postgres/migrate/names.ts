import { type Change, tableKey } from '../../../model/change.js';
import type { Column, Schema, Table } from '../../../model/schema.js';
import type { MigrationContext } from '../../migration.js';
import { quotePgIdentifier as q } from '../quote.js';

/** A table key (`orders`, `billing.orders`) as a statement names it. */
export const qualified = (key: string): string => key.split('.').map(q).join('.');

/** An index or constraint of the table's namespace, as DROP INDEX / ALTER INDEX name it. */
export const inNamespaceOf = (tableKeyText: string, name: string): string => {
  const dot = tableKeyText.lastIndexOf('.');
  return dot < 0 ? q(name) : `${qualified(tableKeyText.slice(0, dot))}.${q(name)}`;
};

export const tableIn = (schema: Schema, key: string): Table | undefined => schema.tables.find((t) => tableKey(t) === key);

/** The table as it is before the plan, and after. */
export const before = (context: MigrationContext, key: string) => tableIn(context.from, context.tableRenames.get(key) ?? key);
export const after = (context: MigrationContext, key: string) => tableIn(context.to, key);

/** The key a batched backfill walks by: the primary key's columns (ctid where a table has none). */
export function batchKey(table: Table | undefined): string {
  const columns = table?.primaryKey.columns ?? [];
  return columns.length ? (columns.length === 1 ? q(columns[0]!) : `(${columns.map(q).join(', ')})`) : 'ctid';
}

/** An `UPDATE` that changes at most `rows` rows still needing it, so each run is a short transaction. */
export function batchedUpdate(table: string, key: string, set: string, pending: string, rows: number): string {
  const t = qualified(table);
  return `UPDATE ${t} SET ${set} WHERE ${key} IN (SELECT ${key} FROM ${t} WHERE ${pending} LIMIT ${rows})`;
}

export const columnOf = (table: Table | undefined, name: string): Column | undefined => table?.columns.find((c) => c.name === name);

/** The name the change acts on, for titles. */
export const changeTable = (change: Change): string | undefined => ('table' in change && typeof change.table === 'string' ? change.table : undefined);

/** Short names for temporary objects, kept under PostgreSQL's 63-byte identifiers. */
export const temporaryName = (base: string, suffix: string): string => `${base.slice(0, 63 - suffix.length - 1)}_${suffix}`;
