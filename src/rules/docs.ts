import type { RuleSet } from '../diagnostics/rule.js';

/**
 * docs/rules/<set>.md: the set's rules from their metadata, one entry each in the order the set
 * lists them. Written by `npm run rule-docs`; a test keeps the page in step with the rules.
 */
export function renderRuleSetDocs(set: RuleSet<never>): string {
  const lines = [
    `# \`${set.name}\` rules`,
    '',
    `<!-- Generated from the rules' metadata in src/rules/${set.name}/ by \`npm run rule-docs\`: edit the rules, not this page. -->`,
    '',
    set.summary,
    '',
    '| code | severity | what it finds |',
    '|---|---|---|',
    ...set.rules.map(({ meta }) => `| \`${meta.code}\` | ${meta.severity} | ${meta.summary.replaceAll('|', '\\|')} |`),
    '',
  ];
  for (const { meta } of set.rules) {
    lines.push(
      `## ${meta.name}`,
      '',
      `\`${meta.code}\`, ${meta.severity}: ${meta.summary}`,
      '',
      `**Why it matters.** ${meta.why}`,
      '',
      `**How to fix it.** ${meta.help}`,
      '',
      `The rule: [src/rules/${meta.set}/${meta.name}.ts](../../src/rules/${meta.set}/${meta.name}.ts), its cases in \`${meta.name}.test.ts\` beside it.`,
      '',
    );
  }
  return lines.join('\n');
}
