import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { alterCommands, alteredTable, at, existingLocks, keywordRun } from './support/findings.js';

export const dropData: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'drop-data',
    code: 'lint/drop-data',
    severity: 'warning',
    summary: 'A column, table or database dropped.',
    why: 'The data is gone at commit, and the running application may still read or write it: its queries fail until every instance runs code that no longer names it. A dropped database cannot be rolled back at all.',
    help: 'Drop only in a contract step, after the application has stopped using it for a release and a backup (or a renamed copy) is kept; say so with a `-- dbarchitect-ignore drop-data` comment once that is true.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      const node = statement.node;
      if ('DropdbStmt' in node)
        return [
          {
            message: `database \`${node.DropdbStmt.dbname}\` is dropped: every table in it is lost, and DROP DATABASE cannot run in a transaction to be rolled back`,
            severity: 'error',
            location: at(context, statement.start),
          },
        ];
      const tableDrops = existingLocks(statement, (l) => l.action === 'DROP TABLE').map(
        (l): Finding => ({ message: `table \`${l.relation}\` is dropped with its rows`, location: at(context, statement.start) }),
      );
      const table = alteredTable(statement);
      if (!existingLocks(statement, (l) => l.action === 'DROP COLUMN').length) return tableDrops;
      let from = 0;
      const columnDrops = alterCommands(statement).flatMap((cmd): Finding[] => {
        if (cmd.subtype !== 'AT_DropColumn') return [];
        const token = keywordRun(statement, ['DROP'], from);
        from = token ? statement.tokens.indexOf(token) + 1 : from;
        return [{ message: `column \`${table}.${cmd.name}\` is dropped with its values`, location: at(context, token?.start ?? statement.start) }];
      });
      return [...tableDrops, ...columnDrops];
    }),
};
