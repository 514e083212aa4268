import type { RuleSet } from '../../diagnostics/rule.js';
import type { DesignContext } from './context.js';
import { copiedAttribute } from './copied-attribute.js';
import { foldOverExpiringEvents } from './fold-over-expiring-events.js';

/** The design rules, each listed once, in the order their findings are reported. */
export const designRules: RuleSet<DesignContext> = {
  name: 'design',
  summary:
    'Rules over the model a spec declares and its access patterns, run by `design` (and `verify`) before the analyses add to the schema; their findings are warnings in the output and in design.json.',
  rules: [
    copiedAttribute,
    foldOverExpiringEvents,
    // new-rule: next rule
  ],
};
