export * from './diagnostic.js';
export { LineIndex } from './line-index.js';
export { applyTextEdits, textEditAt } from './text-edit.js';
export { KEBAB_CASE, ruleSetProblems, runRule, runRuleSet, toDiagnostics, type Finding, type Rule, type RuleMeta, type RuleSet } from './rule.js';
export { closestMatch, suggestion } from './did-you-mean.js';
export { renderDiagnosticText, renderDiagnosticsText, summarizeDiagnostics } from './render/text.js';
export { renderDiagnosticsJson } from './render/json.js';
export { renderDiagnosticsSarif } from './render/sarif.js';
