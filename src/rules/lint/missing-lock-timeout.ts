import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { missingTimeout } from './support/timeouts.js';

export const missingLockTimeout: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'missing-lock-timeout',
    code: 'lint/missing-lock-timeout',
    severity: 'warning',
    summary: 'A statement that locks an existing table runs with no `lock_timeout` set before it.',
    why: 'A lock request waits behind any long transaction holding a conflicting lock, and every query on the table queues behind the waiting request: one slow report can stall the whole table for as long as it runs.',
    help: "`SET lock_timeout = '5s'` (or `SET LOCAL` in the transaction) before the first locking statement, and retry the migration when it times out.",
  },
  check: (context) => missingTimeout(context, 'lockTimeout', 'lock_timeout', '5s', 'while it waits for the lock, every query on the table waits behind it'),
};
