import type { Rule } from '../../diagnostics/rule.js';
import type { Table } from '../../model/schema.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { sqlIdent, sqlTable, tableLabel } from './support/names.js';

/** The key to declare: a unique constraint over NOT NULL columns, else an `id` column, else a new identity column. */
function fixFor(table: Table): string {
  const notNull = (c: string) => table.columns.some((col) => col.name === c && !col.nullable);
  const unique = table.uniques.find((u) => u.columns.every(notNull));
  if (unique)
    return helpWithSql(`promote the unique key \`${unique.name}\` (${unique.columns.join(', ')}) to the primary key`, [
      `ALTER TABLE ${sqlTable(table)} ADD PRIMARY KEY (${unique.columns.map(sqlIdent).join(', ')})`,
    ]);
  if (table.columns.some((c) => c.name === 'id'))
    return helpWithSql('make `id` the primary key (it fails while `id` has NULLs or duplicates: find them first)', [
      `ALTER TABLE ${sqlTable(table)} ADD PRIMARY KEY (${sqlIdent('id')})`,
    ]);
  return helpWithSql('add an identity column as the primary key (it rewrites the table), or declare the natural key the rows already have', [
    `ALTER TABLE ${sqlTable(table)} ADD COLUMN ${sqlIdent('id')} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`,
  ]);
}

export const noPrimaryKey: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'no-primary-key',
    code: 'audit/no-primary-key',
    severity: 'warning',
    summary: 'A table has no primary key.',
    why: 'Nothing stops two identical rows, so a row cannot be updated or deleted by itself; logical replication cannot replicate its updates and deletes, and ORMs and foreign keys need a key to point at.',
    help: 'Declare the primary key: a unique key over NOT NULL columns the table has, an `id` column, or a new identity column.',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables
      .filter((t) => t.primaryKey.columns.length === 0)
      .map((t) => ({ ...declaredAt(locations, t), message: `table \`${tableLabel(t)}\` has no primary key`, help: fixFor(t) })),
};
