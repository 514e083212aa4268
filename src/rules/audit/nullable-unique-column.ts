import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { columnLabel, sqlIdent, sqlTable, tableLabel } from './support/names.js';

export const nullableUniqueColumn: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'nullable-unique-column',
    code: 'audit/nullable-unique-column',
    severity: 'warning',
    summary: 'A unique constraint or full unique index has a nullable column.',
    why: 'NULLs are distinct from each other in a unique key, so any number of rows with a NULL in one of its columns pass: `(tenant_id, email)` with a NULL email lets duplicates in. A partial unique index (WHERE the column IS NOT NULL) says that on purpose and is not reported.',
    help: 'Make the columns NOT NULL (after filling or removing the NULLs), or on PostgreSQL 15+ declare the key UNIQUE NULLS NOT DISTINCT.',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) => {
      const keys = [
        ...table.uniques.map((u) => ({ name: u.name, columns: u.columns })),
        ...table.indexes
          .filter((i) => i.unique && i.where.length === 0 && i.predicate === undefined && !table.uniques.some((u) => u.name === i.name))
          .map((i) => ({ name: i.name, columns: i.keys.flatMap((k) => (k.column ? [k.column] : [])) })),
      ];
      return keys.flatMap((key) => {
        const nullable = key.columns.filter((c) => table.columns.find((col) => col.name === c)?.nullable);
        if (!nullable.length) return [];
        return [
          {
            ...declaredAt(locations, table),
            message: `unique key \`${key.name}\` of \`${tableLabel(table)}\` has nullable ${nullable.length === 1 ? 'column' : 'columns'} ${nullable.map((c) => `\`${columnLabel(table, c)}\``).join(', ')}: rows with a NULL there are never duplicates`,
            help: helpWithSql(
              'make them NOT NULL once no row has a NULL (or declare the key NULLS NOT DISTINCT)',
              nullable.map((c) => `ALTER TABLE ${sqlTable(table)} ALTER COLUMN ${sqlIdent(c)} SET NOT NULL`),
            ),
          },
        ];
      });
    }),
};
