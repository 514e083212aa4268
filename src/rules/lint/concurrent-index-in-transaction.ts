import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at } from './support/findings.js';

export const concurrentIndexInTransaction: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'concurrent-index-in-transaction',
    code: 'lint/concurrent-index-in-transaction',
    severity: 'error',
    summary: 'A `CONCURRENTLY` form (`CREATE/DROP/REINDEX … CONCURRENTLY`, `DETACH PARTITION … CONCURRENTLY`) inside a transaction block or a `DO` block.',
    why: 'PostgreSQL refuses to run it there ("cannot run inside a transaction block"): the migration fails at that statement, and a tool that wraps each migration in a transaction makes every concurrent index fail.',
    help: 'Run the statement on its own, outside BEGIN … COMMIT (most migration tools have a per-migration switch to turn their transaction off).',
  },
  check: (context) =>
    context.statements.flatMap((statement) => {
      if (!statement.inTransaction) return [];
      const lock = statement.locks.find((l) => !l.inTransaction && l.action.includes('CONCURRENTLY'));
      if (!lock) return [];
      const where = statement.inDoBlock !== undefined ? 'a DO block (a function)' : 'a transaction block';
      return [
        { message: `\`${lock.action.replace(/ \(.*\)$/, '')}\` cannot run inside ${where}: PostgreSQL refuses it`, location: at(context, statement.start) },
      ];
    }),
};
