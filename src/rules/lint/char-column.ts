import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { typeFindings, writtenType } from './support/column-types.js';

export const charColumn: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'char-column',
    code: 'lint/char-column',
    severity: 'warning',
    summary: 'A column of type `char(n)` (`character(n)`, blank-padded).',
    why: 'char(n) pads every value with spaces to n characters, stores the padding, and compares ignoring it in some places and not in others (LIKE, concatenation, casts to text): no faster than text and full of surprises.',
    help: 'Use `text` (or `varchar(n)`), with a CHECK on the length where one matters: `CHECK (length(code) = 3)`.',
  },
  check: (context) =>
    typeFindings(
      context,
      (c) => c.type === 'bpchar',
      (c) => ({
        message: `\`${c.table}.${c.column}\` is \`${writtenType(context, c)}\`: blank-padded to its length`,
        help: 'use text with a CHECK on the length where one matters',
      }),
    ),
};
