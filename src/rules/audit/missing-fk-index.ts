import type { Rule } from '../../diagnostics/rule.js';
import { derivedName } from '../../model/naming.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { coversLeading, indexesOf } from './support/indexes.js';
import { sqlIdent, sqlTable, tableLabel } from './support/names.js';

export const missingFkIndex: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'missing-fk-index',
    code: 'audit/missing-fk-index',
    severity: 'warning',
    summary: 'A foreign key has no index whose leading columns are its columns.',
    why: 'Deleting a referenced row, or changing its key, looks for referencing rows: without an index that is a scan of the whole referencing table under a lock, once per row deleted. Joins from the parent to its children scan too.',
    help: 'Create a B-tree index on the foreign-key columns (CONCURRENTLY, so writes go on while it builds), or make them the leading columns of an index the table needs anyway.',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) => {
      const indexes = indexesOf(table);
      return table.foreignKeys
        .filter((fk) => !indexes.some((i) => coversLeading(i, fk.columns)))
        .map((fk) => ({
          ...declaredAt(locations, table),
          message: `foreign key \`${fk.name}\` of \`${tableLabel(table)}\` (${fk.columns.join(', ')}) → \`${fk.refTable}\` has no index on its columns: each delete in \`${fk.refTable}\` scans \`${tableLabel(table)}\``,
          help: helpWithSql('index the foreign-key columns, concurrently (outside a transaction)', [
            `CREATE INDEX CONCURRENTLY ${sqlIdent(derivedName(table.name, fk.columns, 'idx'))} ON ${sqlTable(table)} (${fk.columns.map(sqlIdent).join(', ')})`,
          ]),
        }));
    }),
};
