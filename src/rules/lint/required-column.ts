import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { factsOf } from './context.js';
import { alterCommands, alteredTable, at, existingLocks } from './support/findings.js';

export const requiredColumn: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'required-column',
    code: 'lint/required-column',
    severity: 'warning',
    summary: 'A column added `NOT NULL` without a default to an existing table.',
    why: 'On a table with rows the statement fails ("column contains null values"); on an empty one it succeeds, and then every insert the running application makes without the new column fails.',
    help: 'Add the column with a constant DEFAULT (metadata-only since PostgreSQL 11), or add it nullable, backfill it in batches, and set NOT NULL through a validated CHECK.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      const table = alteredTable(statement);
      if (!existingLocks(statement, (l) => l.relation === table).length) return [];
      return alterCommands(statement).flatMap((cmd): Finding[] => {
        const def = cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
        if (!def) return [];
        const kinds = (def.constraints ?? []).map((c) => ('Constraint' in c ? c.Constraint.contype : undefined));
        if (!kinds.includes('CONSTR_NOTNULL') && !kinds.includes('CONSTR_PRIMARY')) return [];
        if (kinds.some((k) => k === 'CONSTR_DEFAULT' || k === 'CONSTR_IDENTITY' || k === 'CONSTR_GENERATED')) return [];
        if (/serial/.test(JSON.stringify(def.typeName?.names ?? []))) return [];
        const rowsKnown = factsOf(context, table)?.rows;
        return [
          {
            message: `\`${table}.${def.colname}\` is added NOT NULL without a default: ${rowsKnown ? `\`${table}\` has rows, so the statement fails` : 'the statement fails if the table has rows, and inserts that omit the column fail'}`,
            location: at(context, statement.at(def.location)),
            ...(rowsKnown ? { severity: 'error' as const } : {}),
          },
        ];
      });
    }),
};
