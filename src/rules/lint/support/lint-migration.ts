import { type Diagnostic, sortDiagnostics } from '../../../diagnostics/diagnostic.js';
import { runRule, type RuleSet } from '../../../diagnostics/rule.js';
import type { IgnoreComment, LintContext } from '../context.js';
import { lintRules } from '../index.js';

/** The rule that reads which ignore comments were used: it runs after the others. */
export const UNUSED_IGNORE = 'unused-ignore';

/**
 * Every lint rule on one file, less the findings an ignore comment silences (`-- dbarchitect-ignore
 * rule` before a statement: that rule, or `all`, on that statement), then `unused-ignore` on the
 * comments that silenced nothing. Sorted by line and column.
 */
export function lintMigration(context: LintContext, set: RuleSet<LintContext> = lintRules): Diagnostic[] {
  const used = new Set<IgnoreComment>();
  const kept: Diagnostic[] = [];
  const spans = new Map(context.statements.filter((s) => s.inDoBlock === undefined).map((s) => [s.start, s.end]));
  for (const rule of set.rules) {
    if (rule.meta.name === UNUSED_IGNORE) continue;
    for (const d of runRule(rule, context)) {
      const at = d.location ? context.lines.offset(d.location) : -1;
      const ignore = context.ignores.find(
        (i) =>
          i.statementStart !== undefined &&
          at >= i.statementStart &&
          at <= (spans.get(i.statementStart) ?? i.statementStart) &&
          (i.rules.includes(rule.meta.name) || i.rules.includes('all')),
      );
      if (ignore) used.add(ignore);
      else kept.push(d);
    }
  }
  const unused = set.rules.find((r) => r.meta.name === UNUSED_IGNORE);
  if (unused) kept.push(...runRule(unused, { ...context, usedIgnores: used }));
  return sortDiagnostics(kept);
}
