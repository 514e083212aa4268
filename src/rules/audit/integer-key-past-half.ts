import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { OVERFLOW_ERROR_SHARE } from './integer-key-near-overflow.js';
import { overflowHelp, sequenceUses, usageMessage } from './support/overflow.js';

/** From this share of the range on, the overflow is worth planning for. */
export const OVERFLOW_WARNING_SHARE = 0.5;

export const integerKeyPastHalf: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'integer-key-past-half',
    code: 'audit/integer-key-past-half',
    severity: 'warning',
    summary: 'A sequence-fed integer column has used 50% to 80% of its range (from 80% on, integer-key-near-overflow reports it as an error).',
    why: 'Half the range is gone: at the same growth the other half lasts as long again, or less if the writes grow. Widening the column rewrites the table under an exclusive lock, which is best planned well before inserts start failing.',
    help: 'Plan the widening to bigint (or raise the sequence maximum when that is the lower limit) while there is time.',
  },
  check: ({ locations, introspection, facts }) =>
    sequenceUses(introspection.schema, facts)
      .filter((use) => use.used >= OVERFLOW_WARNING_SHARE && use.used < OVERFLOW_ERROR_SHARE)
      .map((use) => ({ ...declaredAt(locations, use.table), message: usageMessage(use), help: overflowHelp(use, introspection.schema) })),
};
