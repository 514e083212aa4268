import type { RuleSet } from '../diagnostics/rule.js';
import { auditRules } from './audit/index.js';
import { designRules } from './design/index.js';
import { lintRules } from './lint/index.js';

/**
 * Every rule set, each a folder of `src/rules/` with its context (`context.ts`) and its index.
 * A set lists its rules once; docs/rules/<set>.md is generated from their metadata (`npm run rule-docs`).
 */
export const RULE_SETS: readonly RuleSet<never>[] = [designRules, auditRules, lintRules];
