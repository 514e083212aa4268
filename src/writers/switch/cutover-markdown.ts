import type { CutoverPlan } from '../../existing/switch/cutover.js';
import type { SwitchMapping } from '../../existing/switch/mapping.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const duration = (seconds: number) =>
  seconds < 120 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 6) / 10} min` : `${Math.round(seconds / 360) / 10} h`;
const size = (bytes: number) =>
  bytes < 1e6 ? `${Math.round(bytes / 100) / 10} kB` : bytes < 1e9 ? `${Math.round(bytes / 1e5) / 10} MB` : `${Math.round(bytes / 1e8) / 10} GB`;

/** The cutover plan as Markdown: sizes, prerequisites, phases, the freeze, rollback, every stated mapping and what was not carried. */
export function renderCutoverMarkdown(plan: CutoverPlan, mapping: SwitchMapping): string {
  const a = plan.assumptions;
  const out: string[] = [
    `# Engine switch: ${plan.source.version} to PostgreSQL`,
    '',
    `From \`${plan.source.location}\` to \`${plan.target.location}\`: ${plan.tables.length} tables, ${plan.totals.rows} rows, ${size(plan.totals.bytes)}. The initial copy takes about ${duration(plan.totals.copySeconds)}, the checksums ${duration(plan.totals.checksumSeconds)}, and writes stop for about ${duration(plan.writeFreeze.seconds)} at the write switch.`,
    '',
    `Rates assumed (measure yours with \`--apply\` on a copy and pass them again): copy ${size(a.copyBytesPerSecond)}/s per table, checksums ${size(a.checksumBytesPerSecond)}/s per side, COUNT(*) ${a.countRowsPerSecond} rows/s, catch-up done under ${a.lagThresholdSeconds} s of lag, ${a.applicationSwitchSeconds} s for the application to move its writes. Sizes are the source's statistics (InnoDB estimates).`,
    '',
    '## Tables',
    '',
    '| table | rows | size | copy | checksum | checked in the freeze |',
    '|---|---:|---:|---:|---:|---|',
    ...plan.tables.map(
      (t) =>
        `| ${cell(t.name)} | ${t.rows ?? '?'} | ${size(t.bytes)} | ${duration(t.copySeconds)} | ${duration(t.checksumSeconds)} | ${t.checksumInFreeze ? 'yes' : 'no: at a paused GTID before'} |`,
    ),
    '',
    '## What the source must have',
    '',
    '| setting | required | now | |',
    '|---|---|---|---|',
    ...plan.prerequisites.map((p) => `| ${p.setting} | ${cell(p.required)} | ${cell(p.current ?? 'absent')} | ${p.ok ? 'ok' : cell(`change: ${p.fix}`)} |`),
    '',
    '## Phases',
    '',
  ];
  for (const phase of plan.phases) {
    out.push(
      `### ${phase.number}. ${phase.name}${phase.seconds !== undefined ? ` (about ${duration(phase.seconds)})` : ''}`,
      '',
      `${phase.goal.charAt(0).toUpperCase()}${phase.goal.slice(1)}.`,
      '',
    );
    out.push(...phase.steps.map((s) => `- ${s}`), '');
    out.push(`Tools: ${phase.tools.join(', ')}.`, '', `Done when: ${phase.done.join('; ')}.`, '');
  }
  out.push(
    '## The write freeze',
    '',
    '| part | seconds |',
    '|---|---:|',
    ...plan.writeFreeze.parts.map((p) => `| ${cell(p.what)} | ${p.seconds} |`),
    `| **total** | **${plan.writeFreeze.seconds}** |`,
    '',
  );
  out.push(
    '## Rollback',
    '',
    'Roll back when any of these holds:',
    '',
    ...plan.rollback.triggers.map((t) => `- ${t}`),
    '',
    'How:',
    '',
    ...plan.rollback.steps.map((s, i) => `${i + 1}. ${s}`),
    '',
  );
  if (plan.captureConversions.length) {
    out.push('## Conversions the change capture must make', '', '| column | rule | how |', '|---|---|---|');
    out.push(...plan.captureConversions.map((c) => `| ${cell(`${c.table}.${c.column}`)} | ${c.rule} | ${cell(c.how)} |`), '');
  }
  out.push('## Mappings', '', 'Each column whose meaning, range or comparison changes (mappings.json has them as data).', '');
  out.push('| column | MySQL | PostgreSQL | rule | why | risk |', '|---|---|---|---|---|---|');
  out.push(
    ...mapping.mappings.map(
      (m) => `| ${cell(`${m.table}.${m.column}`)} | ${cell(m.from)} | ${cell(m.to)} | ${m.rule} | ${cell(m.why)} | ${cell(m.risk ?? '')} |`,
    ),
    '',
  );
  if (mapping.diagnostics.length) {
    out.push(
      '## Not carried, or to check',
      '',
      ...mapping.diagnostics.map((d) => `- **${d.severity}** \`${d.code}\`: ${d.message}${d.fix ? ` Fix: ${d.fix}` : ''}`),
      '',
    );
  }
  return out.join('\n');
}
