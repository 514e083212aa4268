import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { alterCommands, alteredTable, at, existingLocks, sizedFinding } from './support/findings.js';

export const columnTypeChange: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'column-type-change',
    code: 'lint/column-type-change',
    severity: 'warning',
    summary: '`ALTER COLUMN … TYPE` on an existing table.',
    why: 'Unless the old type is binary coercible to the new one (varchar(n) to a longer varchar or to text), PostgreSQL rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE: reads and writes wait for all of it. Clients that read the old type may also break.',
    help: 'Add a new column of the new type, write both (a trigger), backfill in batches, switch the readers, then drop the old column in a later migration.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      const table = alteredTable(statement);
      const lock = existingLocks(statement, (l) => l.action === 'ALTER COLUMN … TYPE')[0];
      if (!lock) return [];
      return alterCommands(statement).flatMap((cmd): Finding[] => {
        if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.def || !('ColumnDef' in cmd.def)) return [];
        const type = context.text
          .slice(statement.at(cmd.def.ColumnDef.typeName?.location), statement.end)
          .split(/\s+(?:USING|COLLATE)\b|,|;/i)[0]!
          .trim();
        return [
          sizedFinding(context, lock, 'warning', {
            message: `\`${table}.${cmd.name}\` changes type to \`${type}\`: unless it is binary coercible, PostgreSQL rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (reads and writes wait)`,
            location: at(context, statement.at(cmd.def.ColumnDef.location)),
          }),
        ];
      });
    }),
};
