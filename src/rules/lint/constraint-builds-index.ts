import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { alterCommands, alteredTable, at, existingLocks, fix, qualified, quoteName, replaceRange, sizedFinding } from './support/findings.js';

const KINDS = { CONSTR_UNIQUE: 'UNIQUE', CONSTR_PRIMARY: 'PRIMARY KEY', CONSTR_EXCLUSION: 'EXCLUDE' } as const;

export const constraintBuildsIndex: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'constraint-builds-index',
    code: 'lint/constraint-builds-index',
    severity: 'warning',
    summary: 'A UNIQUE, PRIMARY KEY or EXCLUDE constraint added to an existing table builds its index under an ACCESS EXCLUSIVE lock.',
    why: 'ALTER TABLE … ADD UNIQUE (or PRIMARY KEY) builds the index while holding ACCESS EXCLUSIVE: every read and write of the table waits for the whole build.',
    help: 'Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY name ON t (…)`, then adopt it: `ALTER TABLE t ADD CONSTRAINT name UNIQUE USING INDEX name` (or `PRIMARY KEY USING INDEX`), which only changes the catalog.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      const table = alteredTable(statement);
      const commands = alterCommands(statement);
      return commands.flatMap((cmd): Finding[] => {
        const c = cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
        if (cmd.subtype !== 'AT_AddConstraint' || !c || !c.contype || !(c.contype in KINDS) || c.indexname) return [];
        const lock = existingLocks(statement, (l) => l.relation === table && l.work === 'scan')[0];
        if (!lock) return [];
        const kind = KINDS[c.contype as keyof typeof KINDS];
        const columns = (c.keys ?? []).map((k) => ('String' in k ? (k.String.sval ?? '') : ''));
        // The fix: two statements for a named UNIQUE or PRIMARY KEY that is the statement's one command, outside a transaction.
        const fixable =
          c.conname && kind !== 'EXCLUDE' && commands.length === 1 && columns.length && !statement.inTransaction && statement.inDoBlock === undefined;
        const name = quoteName(c.conname ?? '');
        return [
          sizedFinding(context, lock, 'warning', {
            message: `${kind}${c.conname ? ` \`${c.conname}\`` : ''} builds its index on \`${table}\` under an ACCESS EXCLUSIVE lock (reads and writes wait for the whole build)`,
            location: at(context, statement.at(c.location)),
            ...(fixable
              ? {
                  autofix: fix(
                    `build the index CONCURRENTLY, then add the constraint USING INDEX ${c.conname}`,
                    replaceRange(
                      context,
                      statement.start,
                      statement.end,
                      `CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${qualified(table)} (${columns.map(quoteName).join(', ')});\nALTER TABLE ${qualified(table)} ADD CONSTRAINT ${name} ${kind} USING INDEX ${name}`,
                    ),
                  ),
                }
              : {}),
          }),
        ];
      });
    }),
};
