import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ruleSetProblems } from '../diagnostics/rule.js';
import { renderRuleSetDocs } from './docs.js';
import { RULE_SETS } from './index.js';

const RULES = fileURLToPath(new URL('.', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

describe('the rule sets (src/rules/index.ts)', () => {
  it('every folder of src/rules/ is a set listed once, and set names are unique', () => {
    const folders = readdirSync(RULES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    assert.deepEqual([...RULE_SETS.map((s) => s.name)].sort(), folders);
  });

  it('codes are unique across the sets', () => {
    const codes = RULE_SETS.flatMap((s) => s.rules.map((r) => r.meta.code));
    assert.deepEqual(
      codes.filter((c, i) => codes.indexOf(c) !== i),
      [],
    );
  });

  for (const set of RULE_SETS) {
    describe(`the \`${set.name}\` set`, () => {
      it('each rule: code `<set>/<name>`, a kebab-case name, a summary, why and help, listed once', () => {
        assert.deepEqual(ruleSetProblems(set), []);
      });

      it('each rule is its own file <name>.ts stating its code, with its test <name>.test.ts beside it (a passing and a failing case)', () => {
        for (const { meta } of set.rules) {
          const file = `${RULES}${set.name}/${meta.name}.ts`;
          assert.ok(existsSync(file), `src/rules/${set.name}/${meta.name}.ts is missing`);
          assert.ok(readFileSync(file, 'utf8').includes(`code: '${meta.code}'`), `src/rules/${set.name}/${meta.name}.ts does not state code: '${meta.code}'`);
          const test = `${RULES}${set.name}/${meta.name}.test.ts`;
          assert.ok(existsSync(test), `src/rules/${set.name}/${meta.name}.test.ts is missing: a rule needs a passing and a failing case`);
          const cases = readFileSync(test, 'utf8');
          assert.ok(
            /\bit\(\s*['`"]passes/.test(cases) && /\bit\(\s*['`"]fails/.test(cases),
            `src/rules/${set.name}/${meta.name}.test.ts needs a case named 'passes: …' and one named 'fails: …'`,
          );
        }
      });

      it('no TODO of the scaffold (npm run new-rule) is left in a rule or its test', () => {
        for (const { meta } of set.rules)
          for (const file of [`${meta.name}.ts`, `${meta.name}.test.ts`])
            assert.doesNotMatch(readFileSync(`${RULES}${set.name}/${file}`, 'utf8'), /\bTODO\b/, `src/rules/${set.name}/${file} still has a TODO`);
      });

      it('every rule file in the folder is listed in its index', () => {
        const listed = new Set(set.rules.map((r) => `${r.meta.name}.ts`));
        const files = readdirSync(`${RULES}${set.name}`).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !['index.ts', 'context.ts'].includes(f));
        assert.deepEqual(
          files.filter((f) => !listed.has(f)),
          [],
          `rule files missing from src/rules/${set.name}/index.ts`,
        );
      });

      it(`docs/rules/${set.name}.md has an entry for each rule and is generated from their metadata`, () => {
        const file = `${DOCS}${set.name}.md`;
        assert.ok(existsSync(file), `docs/rules/${set.name}.md is missing: run npm run rule-docs`);
        const page = readFileSync(file, 'utf8');
        for (const { meta } of set.rules)
          assert.ok(page.includes(`\n## ${meta.name}\n`), `docs/rules/${set.name}.md has no entry for ${meta.code}: run npm run rule-docs`);
        assert.equal(page, renderRuleSetDocs(set), `docs/rules/${set.name}.md is not what the rules' metadata gives: run npm run rule-docs`);
      });
    });
  }
});
