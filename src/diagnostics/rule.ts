import type { Diagnostic, Fix, Severity, SourceLocation } from './diagnostic.js';

/**
 * What a rule is, apart from any finding: the stable code (`<set>/<name>`), the kebab-case name its
 * files and docs share, the severity it reports at, and the three texts the rules page is made of.
 */
export interface RuleMeta {
  /** The rule set: the folder `src/rules/<set>/` and the first part of the code. */
  readonly set: string;
  /** Kebab-case (`missing-fk-index`): the rule's file, its test's file and its docs heading. */
  readonly name: string;
  /** `<set>/<name>`, written out so the code can be found with grep. */
  readonly code: string;
  /** The severity of the rule's findings, unless a finding states its own. */
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly summary: string;
  /** Why it matters: what goes wrong if it is left. */
  readonly why: string;
  /** How to fix it, in general; a finding may say it for its own case. */
  readonly help: string;
}

/** One problem a rule found: what is wrong here, and optionally what to do about it here and the edits that do it. */
export interface Finding {
  readonly message: string;
  /** Help for this case (names, the value to use); without it the rule's `help` is shown. */
  readonly help?: string;
  readonly location?: SourceLocation;
  readonly autofix?: Fix;
  /** Where the case decides it (a rewrite of a 10-row table is fine): overrides the rule's severity. */
  readonly severity?: Severity;
}

/** A rule: its metadata and a pure check of the context its set gives every rule. */
export interface Rule<Context> {
  readonly meta: RuleMeta;
  check(context: Context): readonly Finding[];
}

/** A rule set: a folder of rules over one context, listed once in the folder's `index.ts`. */
export interface RuleSet<Context> {
  readonly name: string;
  /** One line for the docs page: what the set's rules read and when they run. */
  readonly summary: string;
  readonly rules: readonly Rule<Context>[];
}

/** The findings of one rule as diagnostics: code and severity from its metadata, its help where a finding has none. */
export function toDiagnostics(meta: RuleMeta, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((f) => ({
    code: meta.code,
    severity: f.severity ?? meta.severity,
    message: f.message,
    fix: f.help ?? meta.help,
    ...(f.location ? { location: f.location } : {}),
    ...(f.autofix ? { autofix: f.autofix } : {}),
  }));
}

/** One rule on a context, as diagnostics: what a rule's test runs. */
export function runRule<Context>(rule: Rule<Context>, context: Context): Diagnostic[] {
  return toDiagnostics(rule.meta, rule.check(context));
}

/** Every rule of a set on one context, in the order the set lists them. */
export function runRuleSet<Context>(set: RuleSet<Context>, context: Context): Diagnostic[] {
  return set.rules.flatMap((rule) => runRule(rule, context));
}

/** Lower-case words joined by single hyphens: `missing-fk-index`. (scripts/new-rule.mjs checks names with the same pattern.) */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** What is wrong with a set's metadata: codes that are not `<set>/<name>`, names not kebab-case, empty texts or a scaffold's TODO left in them, a code used twice. */
export function ruleSetProblems(set: RuleSet<never>): string[] {
  const problems: string[] = [];
  if (!KEBAB_CASE.test(set.name)) problems.push(`set \`${set.name}\`: the name is not kebab-case`);
  const seen = new Set<string>();
  for (const { meta } of set.rules) {
    const id = `\`${meta.code}\``;
    if (meta.set !== set.name) problems.push(`${id}: its set is \`${meta.set}\`, but it is listed in \`${set.name}\``);
    if (!KEBAB_CASE.test(meta.name)) problems.push(`${id}: the name \`${meta.name}\` is not kebab-case`);
    if (meta.code !== `${set.name}/${meta.name}`) problems.push(`${id}: the code should be \`${set.name}/${meta.name}\``);
    for (const field of ['summary', 'why', 'help'] as const) {
      if (meta[field].trim() === '') problems.push(`${id}: \`${field}\` is empty`);
      else if (/\bTODO\b/.test(meta[field])) problems.push(`${id}: \`${field}\` still says TODO`);
    }
    if (seen.has(meta.code)) problems.push(`${id}: listed twice`);
    seen.add(meta.code);
  }
  return problems;
}
