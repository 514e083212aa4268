import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { missingTimeout } from './support/timeouts.js';

export const missingStatementTimeout: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'missing-statement-timeout',
    code: 'lint/missing-statement-timeout',
    severity: 'warning',
    summary: 'A statement that locks an existing table runs with no `statement_timeout` set before it.',
    why: 'A rewrite or scan that takes longer than planned holds its lock until it ends: without a bound, a migration meant to take seconds can block the table for an hour.',
    help: "`SET statement_timeout = '5min'` (or what the change is expected to take, with a margin) before the first locking statement.",
  },
  check: (context) => missingTimeout(context, 'statementTimeout', 'statement_timeout', '5min', 'a longer run than planned holds the lock until it ends'),
};
