#!/usr/bin/env node
// Scaffolds a rule in an existing rule set:
//   npm run new-rule -- <set> <name> [--root <dir>]
// writes src/rules/<set>/<name>.ts (metadata with TODOs, a check that finds nothing yet) and
// <name>.test.ts (a passing and a failing case, from the set's new-rule.test.ts.template, that pass
// as written), lists the rule in src/rules/<set>/index.ts, and regenerates docs/rules/<set>.md with
// its entry. It never overwrites a file: it refuses (exit 2) a name that is not kebab-case, a set
// that does not exist (a set needs its context and the code that runs it, written by hand), and a
// rule that exists. --root: the checkout to write into (default: this one; the tests use a copy).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The same pattern as KEBAB_CASE in src/diagnostics/rule.ts (test/new-rule.test.ts runs both on the same names). */
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MARKER = '// new-rule: next rule';
const TEMPLATE = 'new-rule.test.ts.template';
const RESERVED = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'await',
]);
const here = dirname(fileURLToPath(import.meta.url));

function refuse(message) {
  console.error(`new-rule: ${message}`);
  process.exit(2);
}

const usage = 'usage: npm run new-rule -- <set> <name> [--root <dir>], such as npm run new-rule -- design ban-wide-text-keys';
const args = process.argv.slice(2);
const positional = [];
let root = resolve(here, '..');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--root') root = args[i + 1] ? resolve(args[++i]) : refuse('--root needs a directory');
  else if (args[i].startsWith('-')) refuse(`unknown option \`${args[i]}\`; ${usage}`);
  else positional.push(args[i]);
}
if (positional.length !== 2) refuse(usage);
const [set, name] = positional;

const kebab = (s) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '');
const words = (s) => s.split('-');
const camel = (s) =>
  words(s)
    .map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1)))
    .join('');
const pascal = (s) =>
  words(s)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

if (!KEBAB_CASE.test(name)) {
  const fixed = kebab(name);
  refuse(
    `\`${name}\` is not a kebab-case rule name: use lower-case words joined by hyphens${KEBAB_CASE.test(fixed) ? `, such as \`${fixed}\`` : ' (a letter first)'}`,
  );
}
const rulesDir = join(root, 'src/rules');
const sets = existsSync(rulesDir)
  ? readdirSync(rulesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(rulesDir, e.name, 'index.ts')))
      .map((e) => e.name)
      .sort()
  : [];
const setDir = join(rulesDir, set);
if (!sets.includes(set)) {
  refuse(
    `no rule set \`${set}\` (the sets: ${sets.join(', ') || 'none'}). This script adds rules to a set; a new set is written by hand, as it needs ` +
      `its context and the code that runs it: src/rules/${set}/context.ts (export ${pascal(kebab(set) || 'x')}Context), src/rules/${set}/index.ts (a RuleSet with the line \`${MARKER}\` in its list), ` +
      `src/rules/${set}/${TEMPLATE} (how a rule test of the set builds its context), a line in src/rules/index.ts, and the call that runs it; then run this again`,
  );
}

const code = `${set}/${name}`;
const ruleFile = join(setDir, `${name}.ts`);
const testFile = join(setDir, `${name}.test.ts`);
const indexFile = join(setDir, 'index.ts');
const show = (file) => relative(root, file);
const index = readFileSync(indexFile, 'utf8');
for (const file of [ruleFile, testFile])
  if (existsSync(file)) refuse(`rule \`${code}\` exists: ${show(file)} is there and is never overwritten; choose another name, or edit that rule`);
if (index.includes(`'./${name}.js'`)) refuse(`rule \`${code}\` is already listed in ${show(indexFile)}; choose another name, or edit that rule`);

const context = `${pascal(set)}Context`;
const contextFile = join(setDir, 'context.ts');
if (!existsSync(contextFile) || !new RegExp(`export (interface|type) ${context}\\b`).test(readFileSync(contextFile, 'utf8')))
  refuse(`${show(contextFile)} must export the set's context as \`${context}\`: the rule's check reads it`);
if (!index.includes(MARKER)) refuse(`${show(indexFile)} has no line \`${MARKER}\`: put it in the set's list of rules, where the next rule goes`);
const templateFile = join(setDir, TEMPLATE);
if (!existsSync(templateFile)) refuse(`${show(templateFile)} is missing: it is the set's rule test, saying how a case builds the set's context`);
const ident = RESERVED.has(camel(name)) ? `${camel(name)}Rule` : camel(name);
if (new RegExp(`\\b${ident}\\b`).test(index)) refuse(`${show(indexFile)} already has a name \`${ident}\`; choose another rule name`);

const rule = `import type { Rule } from '../../diagnostics/rule.js';
import type { ${context} } from './context.js';

export const ${ident}: Rule<${context}> = {
  meta: {
    set: '${set}',
    name: '${name}',
    code: '${code}',
    severity: 'warning',
    summary: 'TODO: one line: what the rule finds.',
    why: 'TODO: why it matters: what goes wrong if it is left.',
    help: 'TODO: how to fix it, in general (a finding may give its own help).',
  },
  // TODO: find the problem in the context: one finding { message, help?, location?, autofix? } for each place it occurs.
  check: () => [],
};
`;
const test = readFileSync(templateFile, 'utf8')
  .replaceAll('__RULE__', ident)
  .replaceAll('__NAME__', name)
  .replaceAll('__CODE__', code)
  .replaceAll('__SET__', set)
  .replaceAll('__CONTEXT__', context);

const lines = index.split('\n');
const at = lines.findIndex((l) => l.includes(MARKER));
lines.splice(at, 0, `${lines[at].match(/^\s*/)[0]}${ident},`);
const lastImport = lines.reduce((last, l, i) => (i < at && /^import .* from '[^']+';\s*$/.test(l) ? i : last), -1);
lines.splice(lastImport + 1, 0, `import { ${ident} } from './${name}.js';`);

writeFileSync(ruleFile, rule, { flag: 'wx' });
writeFileSync(testFile, test, { flag: 'wx' });
writeFileSync(indexFile, lines.join('\n'));
console.log(`created ${show(ruleFile)}\ncreated ${show(testFile)}\nlisted ${ident} in ${show(indexFile)}`);

// The written files in the repository's style, so the format check in npm test passes at once.
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const format = spawnSync(process.execPath, [biome, 'format', '--write', ruleFile, testFile, indexFile], { cwd: root, encoding: 'utf8' });
if (format.status !== 0) console.error(`new-rule: could not format the written files (run npm run format):\n${format.stderr}`);

const docs = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(here, 'rule-docs.ts'), '--root', root], { encoding: 'utf8' });
if (docs.status !== 0) {
  console.error(`new-rule: the rule's files are written, but docs/rules/${set}.md is not:\n${docs.stderr}\nfix the error, then run npm run rule-docs`);
  process.exit(1);
}
console.log(`wrote docs/rules/${set}.md with the entry for ${code}`);
console.log(
  `next: write the check and the failing case (node scripts/run-tests.mjs ${show(testFile)}), replace every TODO (src/rules/rules.test.ts fails while one is left), then npm run rule-docs`,
);
