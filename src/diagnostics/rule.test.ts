import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule, RuleSet } from './rule.js';
import { KEBAB_CASE, ruleSetProblems, runRule, runRuleSet, toDiagnostics } from './rule.js';

const meta = {
  set: 'demo',
  name: 'ban-empty-name',
  code: 'demo/ban-empty-name',
  severity: 'error',
  summary: 'A name is empty.',
  why: 'Nothing can refer to it.',
  help: 'Give it a name.',
} as const;
const banEmpty: Rule<readonly string[]> = {
  meta,
  check: (names) => names.flatMap((n, i) => (n === '' ? [{ message: `name ${i + 1} is empty`, ...(i > 0 ? { help: `call it like name ${i}` } : {}) }] : [])),
};

describe('rules: metadata apart from findings', () => {
  it("a finding becomes a diagnostic with the rule's code and severity, its own help or else the rule's", () => {
    assert.deepEqual(runRule(banEmpty, ['', 'a', '']), [
      { code: 'demo/ban-empty-name', severity: 'error', message: 'name 1 is empty', fix: 'Give it a name.' },
      { code: 'demo/ban-empty-name', severity: 'error', message: 'name 3 is empty', fix: 'call it like name 2' },
    ]);
  });

  it('keeps the key order of the diagnostics written by hand, so JSON output stays as it was; a location and an autofix come after', () => {
    const location = { file: 'm.sql', line: 2, column: 5 };
    const autofix = { description: 'add a name', edits: [{ file: 'm.sql', start: { line: 2, column: 5 }, end: { line: 2, column: 5 }, newText: 'x' }] };
    const [d] = toDiagnostics(meta, [{ message: 'm', location, autofix }]);
    assert.deepEqual(Object.keys(d!), ['code', 'severity', 'message', 'fix', 'location', 'autofix']);
  });

  it('a set runs its rules in the order it lists them', () => {
    const second: Rule<readonly string[]> = {
      meta: { ...meta, name: 'ban-x', code: 'demo/ban-x' },
      check: (names) => (names.includes('x') ? [{ message: 'x' }] : []),
    };
    const set: RuleSet<readonly string[]> = { name: 'demo', summary: 's', rules: [second, banEmpty] };
    assert.deepEqual(
      runRuleSet(set, ['x', '']).map((d) => d.code),
      ['demo/ban-x', 'demo/ban-empty-name'],
    );
  });

  it('names the metadata problems: code, kebab-case, empty or TODO texts, a rule in the wrong set, one listed twice', () => {
    const bad: Rule<unknown> = { meta: { ...meta, name: 'BanThing', code: 'demo/ban-thing', why: ' ', help: 'TODO: how to fix' }, check: () => [] };
    const stray: Rule<unknown> = { meta: { ...meta, set: 'other' }, check: () => [] };
    assert.deepEqual(ruleSetProblems({ name: 'demo', summary: '', rules: [bad, banEmpty, banEmpty, stray] }), [
      '`demo/ban-thing`: the name `BanThing` is not kebab-case',
      '`demo/ban-thing`: the code should be `demo/BanThing`',
      '`demo/ban-thing`: `why` is empty',
      '`demo/ban-thing`: `help` still says TODO',
      '`demo/ban-empty-name`: listed twice',
      '`demo/ban-empty-name`: its set is `other`, but it is listed in `demo`',
      '`demo/ban-empty-name`: listed twice',
    ]);
  });

  it('kebab-case: lower-case words and digits joined by single hyphens', () => {
    for (const ok of ['missing-fk-index', 'ban-drop-column', 'require-concurrent-index-creation', 'prefer-int8', 'x']) assert.match(ok, KEBAB_CASE, ok);
    for (const bad of ['Missing-fk', 'missing_fk', 'missing--fk', '-fk', 'fk-', '1-fk', 'fk index', '']) assert.doesNotMatch(bad, KEBAB_CASE, bad);
  });
});
