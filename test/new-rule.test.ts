import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KEBAB_CASE } from '../src/diagnostics/rule.js';
import { ROOT } from './helpers.js';

const SCRIPT = join(ROOT, 'scripts/new-rule.mjs');
const TSX = import.meta.resolve('tsx');
// Without NODE_TEST_CONTEXT, which this runner sets: a `node --test` child would report to it instead of printing.
const { NODE_TEST_CONTEXT: _, ...env } = process.env;
const node = (args: readonly string[], cwd: string) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env });

/**
 * `npm run new-rule` in a copy of the checkout (src/, the test helpers, the rules' docs, the
 * TypeScript settings, node_modules linked): what it writes type-checks and its test passes as
 * written; it refuses, exit 2, to write over a rule, a bad name and a set that does not exist.
 */
describe('npm run new-rule -- <set> <name> (scripts/new-rule.mjs)', () => {
  let copy: string;
  const run = (...args: string[]) => node([SCRIPT, ...args, '--root', copy], copy);
  const read = (path: string) => readFileSync(join(copy, path), 'utf8');

  before(() => {
    copy = mkdtempSync(join(tmpdir(), 'dbarchitect-new-rule-'));
    for (const path of ['src', 'test/helpers.ts', 'docs/rules', 'tsconfig.json', 'package.json', 'biome.json', '.gitignore'])
      cpSync(join(ROOT, path), join(copy, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('writes the rule, its test and its docs entry, and lists it in the set', () => {
    const result = run('design', 'ban-wide-text-keys');
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      /created src\/rules\/design\/ban-wide-text-keys\.ts\ncreated src\/rules\/design\/ban-wide-text-keys\.test\.ts\nlisted banWideTextKeys in src\/rules\/design\/index\.ts/,
    );
    assert.match(read('src/rules/design/ban-wide-text-keys.ts'), /code: 'design\/ban-wide-text-keys'/);
    assert.match(
      read('src/rules/design/index.ts'),
      /import \{ banWideTextKeys \} from '\.\/ban-wide-text-keys\.js';[\s\S]*foldOverExpiringEvents,\n {4}banWideTextKeys,\n {4}\/\/ new-rule: next rule/,
    );
    assert.match(read('docs/rules/design.md'), /\n## ban-wide-text-keys\n\n`design\/ban-wide-text-keys`, warning: TODO/);
    const written = ['src/rules/design/ban-wide-text-keys.ts', 'src/rules/design/ban-wide-text-keys.test.ts', 'src/rules/design/index.ts'];
    const format = node([fileURLToPath(import.meta.resolve('@biomejs/biome/bin/biome')), 'format', ...written], copy);
    assert.equal(format.status, 0, `the written files pass the format check of npm test:\n${format.stdout}${format.stderr}`);
  });

  it("what it wrote type-checks, and the rule's passing and failing cases pass as written", () => {
    writeFileSync(
      join(copy, 'tsconfig.check.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        include: ['src/rules/design/ban-wide-text-keys.ts', 'src/rules/design/ban-wide-text-keys.test.ts', 'src/rules/design/index.ts'],
      }),
    );
    const tsc = node([fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'tsconfig.check.json', '--noEmit'], copy);
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    const test = node(['--import', TSX, '--test', 'src/rules/design/ban-wide-text-keys.test.ts'], copy);
    assert.equal(test.status, 0, test.stdout + test.stderr);
    assert.match(test.stdout, /# pass 2\n# fail 0/);
  });

  it('the rules test fails until the TODOs are replaced', () => {
    const test = node(['--import', TSX, '--test', 'src/rules/rules.test.ts'], copy);
    assert.notEqual(test.status, 0);
    assert.match(test.stdout, /`design\/ban-wide-text-keys`: `summary` still says TODO/);
  });

  it('refuses, exit 2, to write the same rule twice, and leaves its files as they were', () => {
    const before = ['src/rules/design/ban-wide-text-keys.ts', 'src/rules/design/index.ts', 'docs/rules/design.md'].map(read);
    const again = run('design', 'ban-wide-text-keys');
    assert.equal(again.status, 2);
    assert.equal(
      again.stderr,
      'new-rule: rule `design/ban-wide-text-keys` exists: src/rules/design/ban-wide-text-keys.ts is there and is never overwritten; choose another name, or edit that rule\n',
    );
    assert.deepEqual(['src/rules/design/ban-wide-text-keys.ts', 'src/rules/design/index.ts', 'docs/rules/design.md'].map(read), before);
  });

  it('refuses, exit 2, a name that is not kebab-case (naming the fix), a set that does not exist (saying how to make one), and bad usage', () => {
    const bad = run('design', 'BanWide_textKeys');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /`BanWide_textKeys` is not a kebab-case rule name: use lower-case words joined by hyphens, such as `ban-wide-text-keys`/);
    const unknown = run('review', 'missing-fk-index');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no rule set `review` \(the sets: audit, design, lint\)\. .*src\/rules\/review\/context\.ts \(export ReviewContext\)/);
    const usage = run('design');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: npm run new-rule -- <set> <name>/);
  });

  it('checks names with the same pattern as the rules test (KEBAB_CASE)', () => {
    const script = readFileSync(SCRIPT, 'utf8');
    assert.ok(script.includes(`const KEBAB_CASE = ${KEBAB_CASE.toString()};`), 'scripts/new-rule.mjs and src/diagnostics/rule.ts disagree on kebab-case');
  });
});
