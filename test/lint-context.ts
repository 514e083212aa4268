import { applyTextEdits } from '../src/diagnostics/text-edit.js';
import { type Rule, runRule } from '../src/diagnostics/rule.js';
import { getDialect } from '../src/dialects/registry.js';
import { loadPgParser } from '../src/sql/pg-parser.js';
import type { LintContext, TableFacts } from '../src/rules/lint/context.js';
import { readMigration } from '../src/rules/lint/support/read-migration.js';

/** Loads the parser the lint context reads SQL with: a rule test's `before`. */
export const prepareLint = loadPgParser;

/** The lint context of a migration's text, as the file `m.sql`, with the PostgreSQL lock table and the table facts given. */
export function lintContext(sql: string, tables: Record<string, TableFacts> = {}, enums: Record<string, string[]> = {}): LintContext {
  const read = readMigration('m.sql', sql, {
    locks: getDialect('postgres')!.locks!,
    tables: new Map(Object.entries(tables)),
    enums: new Map(Object.entries(enums)),
  });
  if (!read.ok) throw new Error(`the case does not parse: ${read.message} at ${read.position.line}:${read.position.column}`);
  return read.context;
}

/** Table facts as a spec's volume gives them. */
export const rows = (count: number, writesPerSecond?: number): TableFacts => ({
  rows: count,
  ...(writesPerSecond !== undefined ? { writesPerSecond } : {}),
  source: 'spec volume',
});

/** A rule's findings on a migration as `line:column severity: message`, the lines a rule test expects. */
export function findingLines(rule: Rule<LintContext>, sql: string, tables: Record<string, TableFacts> = {}, enums: Record<string, string[]> = {}): string[] {
  return runRule(rule, lintContext(sql, tables, enums)).map((d) => `${d.location?.line}:${d.location?.column} ${d.severity}: ${d.message}`);
}

/** The migration after every autofix of the rule's findings. */
export function fixed(rule: Rule<LintContext>, sql: string, tables: Record<string, TableFacts> = {}, enums: Record<string, string[]> = {}): string {
  return applyTextEdits(
    sql,
    runRule(rule, lintContext(sql, tables, enums)).flatMap((d) => d.autofix?.edits ?? []),
  );
}
