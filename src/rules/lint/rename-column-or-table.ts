import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at, existingLocks } from './support/findings.js';

export const renameColumnOrTable: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'rename-column-or-table',
    code: 'lint/rename-column-or-table',
    severity: 'warning',
    summary: 'A column or table renamed on an existing table.',
    why: 'The rename is instant, but the application still running uses the old name: its queries fail from the commit until every instance runs the new code.',
    help: 'Expand and contract: add the new column (or a view with the new name over the table), write both, move the readers, and drop the old name in a later migration.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      if (!('RenameStmt' in statement.node)) return [];
      const s = statement.node.RenameStmt;
      const lock = existingLocks(statement, (l) => l.action === 'RENAME COLUMN' || l.action === 'RENAME TABLE')[0];
      if (!lock) return [];
      const message =
        s.renameType === 'OBJECT_COLUMN'
          ? `column \`${lock.relation}.${s.subname}\` is renamed to \`${s.newname}\`: queries of the running application that name \`${s.subname}\` fail`
          : `table \`${lock.relation}\` is renamed to \`${s.newname}\`: queries of the running application that name \`${lock.relation}\` fail`;
      return [{ message, location: at(context, statement.start) }];
    }),
};
