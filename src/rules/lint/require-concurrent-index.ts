import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at, describeLock, existingLocks, fix, insertAt, sizedFinding } from './support/findings.js';

const BUILDS = new Set(['CREATE INDEX', 'DROP INDEX', 'REINDEX']);

export const requireConcurrentIndex: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'require-concurrent-index',
    code: 'lint/require-concurrent-index',
    severity: 'warning',
    summary: '`CREATE INDEX`, `DROP INDEX` or `REINDEX` without `CONCURRENTLY` on a table that already has rows.',
    why: 'A plain CREATE INDEX holds a SHARE lock for the whole build, so every write to the table waits until it ends; DROP INDEX and REINDEX INDEX take ACCESS EXCLUSIVE, so reads wait too. On a large table that is minutes of an application that cannot write.',
    help: 'Add `CONCURRENTLY` (`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX INDEX CONCURRENTLY`) and run it outside a transaction block: it takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] =>
      existingLocks(statement, (l) => BUILDS.has(l.action)).map((lock) => {
        const keyword = statement.tokens.find((t) => t.keyword === 'INDEX' || (lock.action === 'REINDEX' && t.keyword === 'TABLE'));
        const fixable = keyword && !statement.inTransaction;
        return sizedFinding(context, lock, 'warning', {
          message: `\`${lock.action}\` without CONCURRENTLY ${describeLock(lock)}`,
          location: at(context, statement.start),
          ...(fixable
            ? {
                autofix: fix(`insert CONCURRENTLY after ${keyword.keyword}`, insertAt(context, keyword.end, ' CONCURRENTLY')),
              }
            : {
                help: `add CONCURRENTLY and run it outside the transaction${statement.inDoBlock !== undefined ? ' and outside the DO block (a function cannot run it)' : ''}: it lets reads and writes go on`,
              }),
        });
      }),
    ),
};
