import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at, fix, replaceRange } from './support/findings.js';

export const unusedIgnore: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'unused-ignore',
    code: 'lint/unused-ignore',
    severity: 'warning',
    summary: 'A `-- dbarchitect-ignore rule` comment that silences nothing on the statement after it.',
    why: 'An ignore left behind after the statement changed (or naming a rule that does not exist) hides the next real finding there, and says something about the migration that is no longer true.',
    help: 'Remove the comment, or name the rule that reports the statement (the code after `lint/` in the finding).',
  },
  // It reads which comments the other rules' findings used: the lint run (support/lint-migration.ts) gives that.
  check: (context) =>
    context.ignores
      .filter((i) => !context.usedIgnores?.has(i))
      .map((i) => {
        const end = context.text.indexOf('\n', i.start);
        return {
          message:
            i.statementStart === undefined
              ? `\`dbarchitect-ignore ${i.rules.join(', ')}\` is followed by no statement`
              : `\`dbarchitect-ignore ${i.rules.join(', ')}\` silences no finding on the statement after it`,
          location: at(context, i.start),
          autofix: fix('remove the comment', replaceRange(context, i.start, end < 0 ? context.text.length : end, '')),
        };
      }),
};
