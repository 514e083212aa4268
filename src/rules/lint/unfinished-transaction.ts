import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at, fix, insertAt } from './support/findings.js';

export const unfinishedTransaction: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'unfinished-transaction',
    code: 'lint/unfinished-transaction',
    severity: 'error',
    summary: 'A transaction begun in the file and never committed or rolled back.',
    why: 'What the file changed is rolled back when the session ends, or left holding its locks for as long as the session lives (a psql session, a pooled connection): every lock taken in it blocks the tables until then.',
    help: 'End the transaction with COMMIT at the end of the file.',
  },
  check: (context) => {
    const begin = context.openTransactions[0];
    if (begin === undefined) return [];
    return [
      {
        message: 'the transaction begun here is never committed: the file ends with it open',
        location: at(context, begin),
        autofix: fix(
          'add COMMIT at the end of the file',
          insertAt(context, context.text.length, `${context.text.endsWith('\n') || !context.text ? '' : '\n'}COMMIT;\n`),
        ),
      },
    ];
  },
};
