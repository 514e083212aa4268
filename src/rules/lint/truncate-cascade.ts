import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at } from './support/findings.js';

export const truncateCascade: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'truncate-cascade',
    code: 'lint/truncate-cascade',
    severity: 'error',
    summary: '`TRUNCATE … CASCADE`.',
    why: 'CASCADE also empties every table that references the named ones through a foreign key, and the tables referencing those, recursively: the statement names one table and can delete the rows of many, under ACCESS EXCLUSIVE locks on all of them.',
    help: 'Name every table to empty in the TRUNCATE and leave out CASCADE: PostgreSQL then refuses if a table outside the list still references one of them.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] =>
      'TruncateStmt' in statement.node && statement.node.TruncateStmt.behavior === 'DROP_CASCADE'
        ? [
            {
              message: `TRUNCATE … CASCADE of ${statement.locks.map((l) => `\`${l.relation}\``).join(', ')} also empties every table that references ${statement.locks.length === 1 ? 'it' : 'them'}, recursively`,
              location: at(context, statement.tokens.find((t) => t.keyword === 'CASCADE')?.start ?? statement.start),
            },
          ]
        : [],
    ),
};
