import type { Table } from '../../../model/schema.js';
import type { KeyedIndex } from './indexes.js';
import { sqlIdent, sqlTable } from './names.js';

/** The statement that removes an index: the constraint it backs, or the index itself, concurrently (outside a transaction). */
export function dropIndexSql(table: Table, index: KeyedIndex): string {
  if (index.constraint) return `ALTER TABLE ${sqlTable(table)} DROP CONSTRAINT ${sqlIdent(index.name)}`;
  return `DROP INDEX CONCURRENTLY ${table.namespace ? `${sqlIdent(table.namespace)}.` : ''}${sqlIdent(index.name)}`;
}
