import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { overflowHelp, sequenceUses, usageMessage } from './support/overflow.js';

/** From this share of the range on, an overflow is an error: at the rates that got it here, the rest goes fast. */
export const OVERFLOW_ERROR_SHARE = 0.8;

export const integerKeyNearOverflow: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'integer-key-near-overflow',
    code: 'audit/integer-key-near-overflow',
    severity: 'error',
    summary: "A sequence-fed integer column has used 80% or more of its range: the lower of its type's maximum and its sequence's.",
    why: 'When the sequence passes the maximum every insert fails, and widening the column then means rewriting the table (and every column that references it) under an exclusive lock, in an outage. From 80% there is little time left to do it calmly.',
    help: 'Widen the column (and the columns that reference it) to bigint, or raise the sequence maximum when that is the lower limit, in a planned window.',
  },
  check: ({ locations, introspection, facts }) =>
    sequenceUses(introspection.schema, facts)
      .filter((use) => use.used >= OVERFLOW_ERROR_SHARE)
      .map((use) => ({ ...declaredAt(locations, use.table), message: usageMessage(use), help: overflowHelp(use, introspection.schema) })),
};
