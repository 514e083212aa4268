import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { alterCommands, alteredTable, at, existingLocks, keywordRun, qualified, quoteName, sizedFinding } from './support/findings.js';

export const setNotNull: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'set-not-null',
    code: 'lint/set-not-null',
    severity: 'warning',
    summary: '`ALTER COLUMN … SET NOT NULL` on an existing table.',
    why: 'PostgreSQL reads every row to prove no NULL is left, holding ACCESS EXCLUSIVE the whole time: reads and writes of the table wait for the scan.',
    help: 'Add `CHECK (column IS NOT NULL) NOT VALID`, commit, `VALIDATE CONSTRAINT` it (SHARE UPDATE EXCLUSIVE: reads and writes go on), then `SET NOT NULL`: PostgreSQL 12+ sees the valid check and skips the scan. Drop the check afterwards.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      const table = alteredTable(statement);
      let from = 0;
      return alterCommands(statement).flatMap((cmd): Finding[] => {
        if (cmd.subtype !== 'AT_SetNotNull') return [];
        const lock = existingLocks(statement, (l) => l.action === 'ALTER COLUMN … SET NOT NULL')[0];
        const token = keywordRun(statement, ['SET', 'NOT', 'NULL'], from);
        from = token ? statement.tokens.indexOf(token) + 1 : from;
        if (!lock) return [];
        const column = quoteName(cmd.name ?? '');
        const check = quoteName(`${table.split('.').pop()}_${cmd.name}_not_null`);
        return [
          sizedFinding(context, lock, 'warning', {
            message: `SET NOT NULL on \`${table}.${cmd.name}\` reads every row under an ACCESS EXCLUSIVE lock (reads and writes wait)`,
            help: `ALTER TABLE ${qualified(table)} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID; then, after a commit, ALTER TABLE ${qualified(table)} VALIDATE CONSTRAINT ${check}; then SET NOT NULL (no scan on PostgreSQL 12+) and DROP CONSTRAINT ${check}`,
            location: at(context, token?.start ?? statement.start),
          }),
        ];
      });
    }),
};
