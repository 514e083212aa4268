import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { sqlIdent, sqlTable, tableLabel } from './support/names.js';

export const notValidConstraint: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'not-valid-constraint',
    code: 'audit/not-valid-constraint',
    severity: 'warning',
    summary: 'A foreign key or check was added NOT VALID and never validated.',
    why: 'New and updated rows are checked, but the rows from before never were: some may break the rule, and the planner cannot rely on a check it does not know holds (constraint exclusion, join removal).',
    help: 'Validate it: VALIDATE CONSTRAINT reads the table without blocking writes, and fails naming no row if one breaks the rule, so find those first.',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) =>
      [
        ...table.foreignKeys.filter((fk) => fk.notValid).map((fk) => ({ name: fk.name, what: `foreign key \`${fk.name}\` → \`${fk.refTable}\`` })),
        ...table.checks.filter((c) => c.notValid).map((c) => ({ name: c.name, what: `check \`${c.name}\`` })),
      ].map(({ name, what }) => ({
        ...declaredAt(locations, table),
        message: `${what} on \`${tableLabel(table)}\` is NOT VALID: the rows from before it were never checked`,
        help: helpWithSql('validate it (writes go on meanwhile)', [`ALTER TABLE ${sqlTable(table)} VALIDATE CONSTRAINT ${sqlIdent(name)}`]),
      })),
    ),
};
