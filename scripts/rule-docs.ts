// Writes docs/rules/<set>.md for every rule set from the rules' metadata (src/rules/index.ts).
//   node --import tsx scripts/rule-docs.ts [--root <dir>]
// --root: the checkout to read and write (default: this one); scripts/new-rule.mjs passes its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleSet } from '../src/diagnostics/rule.js';

const args = process.argv.slice(2);
const at = args.indexOf('--root');
const root = at >= 0 && args[at + 1] ? resolve(args[at + 1]!) : fileURLToPath(new URL('..', import.meta.url));
const { RULE_SETS } = (await import(pathToFileURL(join(root, 'src/rules/index.ts')).href)) as { RULE_SETS: readonly RuleSet<never>[] };
const { renderRuleSetDocs } = (await import(pathToFileURL(join(root, 'src/rules/docs.ts')).href)) as typeof import('../src/rules/docs.js');
mkdirSync(join(root, 'docs/rules'), { recursive: true });
for (const set of RULE_SETS) {
  const file = join(root, 'docs/rules', `${set.name}.md`);
  writeFileSync(file, renderRuleSetDocs(set));
  console.log(`wrote ${file}`);
}
