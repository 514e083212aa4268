import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { typeFindings, writtenType } from './support/column-types.js';

export const preferText: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'prefer-text',
    code: 'lint/prefer-text',
    severity: 'warning',
    summary: 'A column of type `varchar(n)`.',
    why: 'In PostgreSQL varchar(n) is text with a length check built into the type: raising the limit later is an ALTER COLUMN TYPE (an ACCESS EXCLUSIVE lock, and a rewrite when it is lowered), where a CHECK on text is swapped NOT VALID with no rewrite.',
    help: 'Use `text` with `CHECK (length(column) <= n)` where the limit matters.',
  },
  check: (context) =>
    typeFindings(
      context,
      (c) => c.type === 'varchar' && (c.def.typeName?.typmods ?? []).length > 0,
      (c) => ({ message: `\`${c.table}.${c.column}\` is \`${writtenType(context, c)}\`: changing its limit later is a type change` }),
    ),
};
