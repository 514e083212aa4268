import type { Rule } from '../../diagnostics/rule.js';
import type { ForeignKey, Table } from '../../model/schema.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { sqlIdent, sqlTable, tableLabel } from './support/names.js';
import { wordsOf } from './support/words.js';

/** Why the relation reads as required, or undefined when nothing says so (an optional reference is normal). */
function requiredBecause(table: Table, fk: ForeignKey, nullable: readonly string[]): string | undefined {
  if (fk.onDelete === 'set-null') return undefined;
  if (fk.onDelete === 'cascade') return `its rows are deleted with their \`${fk.refTable}\` (ON DELETE CASCADE), so they belong to one`;
  const [head] = wordsOf(fk.refTable).slice(-1);
  if (head && wordsOf(table.name)[0] === head && table.name !== fk.refTable) return `\`${table.name}\` reads as a part of \`${fk.refTable}\``;
  // The tenant column itself, not the other columns of a composite key that starts with it (a tree's parent_id).
  if (nullable.some((c) => wordsOf(c).includes('tenant'))) return 'every row belongs to a tenant';
  return undefined;
}

export const nullableRequiredFk: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'nullable-required-fk',
    code: 'audit/nullable-required-fk',
    severity: 'warning',
    summary:
      'A foreign-key column is nullable where the relation reads as required: ON DELETE CASCADE, a table named as a part of the referenced one (`order_line` → `order`), or a tenant column.',
    why: 'A NULL in a foreign key is never checked: the row references nothing and no constraint says it must. Where the child cannot exist without its parent, such rows are orphans that joins drop silently and that cascades never reach. ON DELETE SET NULL says the reference is optional, and is not reported.',
    help: 'Make the foreign-key columns NOT NULL once no row has a NULL there (delete or re-parent the orphans first).',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) =>
      table.foreignKeys.flatMap((fk) => {
        const nullable = fk.columns.filter((c) => table.columns.find((col) => col.name === c)?.nullable);
        const because = nullable.length ? requiredBecause(table, fk, nullable) : undefined;
        if (!because) return [];
        return [
          {
            ...declaredAt(locations, table),
            message: `foreign key \`${fk.name}\` of \`${tableLabel(table)}\` → \`${fk.refTable}\` allows NULL in ${nullable.map((c) => `\`${c}\``).join(', ')}, yet ${because}`,
            help: helpWithSql(
              'make it NOT NULL once no row has a NULL there',
              nullable.map((c) => `ALTER TABLE ${sqlTable(table)} ALTER COLUMN ${sqlIdent(c)} SET NOT NULL`),
            ),
          },
        ];
      }),
    ),
};
