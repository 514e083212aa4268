import type { MigrationPlan, PlanStep, PlanValidation } from '../../existing/plan/plan.js';
import { MIGRATION_PHASES } from '../../dialects/migration.js';

const PHASE_TEXT = {
  expand: 'Expand: add the new beside the old; the running application is unaffected.',
  migrate: 'Migrate: move the data and the application; backfills run in short batches.',
  contract: 'Contract: remove the old, once no deployed code uses it.',
} as const;

const seconds = (s: PlanStep) => (s.estimate === null ? 'unknown (no size)' : s.estimate.seconds < 1 ? '< 1 s' : `${s.estimate.seconds.toFixed(0)} s`);

/** The plan for people: a summary, then each phase's steps with their SQL, lock, work, duration, risk, hazards and reverse. */
export function planMarkdown(plan: MigrationPlan, validation?: PlanValidation): string {
  const out: string[] = [`# Migration plan: ${plan.from.location} → ${plan.to.location}`, ''];
  if (plan.steps.length === 0) {
    out.push('The two schemas are the same: nothing to do.', '');
    return out.join('\n');
  }
  const high = plan.steps.filter((s) => s.risk === 'high');
  out.push(
    `${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} in ${plan.steps.length} steps (${plan.dialect}).` +
      (high.length ? ` ${high.length} high-risk: ${high.map((s) => s.id).join(', ')}.` : ' No high-risk step.') +
      (plan.dataLoss ? ' **Some steps lose data**: `apply` runs them only with `--allow-data-loss`.' : ''),
    '',
    ...(plan.notes?.length ? [...plan.notes.map((n) => `> ${n}`), ''] : []),
    '| step | phase | what | lock (blocks) | work | time | risk |',
    '|---|---|---|---|---|---|---|',
    ...plan.steps.map((s) => `| ${s.id} | ${s.phase} | ${s.title.replace(/\|/g, '\\|')} | ${strongestLock(s)} | ${s.work} | ${seconds(s)} | ${s.risk} |`),
    '',
  );
  if (validation) out.push(...validationLines(validation), '');
  if (plan.renameCandidates.length) {
    out.push('## Possible renames (not applied)', '', 'Each stays a drop and an add, and the drop loses data, until you confirm it with the hint:', '');
    for (const r of plan.renameCandidates)
      out.push(`- ${r.kind} \`${r.from}\` → \`${r.to}\` (confidence ${r.confidence.toFixed(2)}: ${r.basis}): \`--rename ${r.hint}\``);
    out.push('');
  }
  for (const phase of MIGRATION_PHASES) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (!steps.length) continue;
    out.push(`## ${PHASE_TEXT[phase]}`, '');
    for (const s of steps) {
      out.push(`### ${s.id}. ${s.title}`, '');
      out.push(
        `- Lock: ${s.locks.length ? [...new Set(s.locks.map((l) => `${l.dialectMode ?? l.mode} on ${l.relation} (blocks ${l.blocks})`))].join('; ') : 'none beyond row locks'}`,
      );
      out.push(`- Work: ${s.work}; estimated ${seconds(s)}${s.estimate ? ` (${s.estimate.basis})` : ''}`);
      out.push(`- Risk: ${s.risk}${s.hazards.length ? `; hazards: ${s.hazards.join(', ')}` : ''}`);
      if (s.dataLoss) out.push(`- **Loses data**: ${s.dataLoss}`);
      if (s.note) out.push(`- Note: ${s.note}`);
      if (!s.transactional) out.push('- Runs outside a transaction block.');
      out.push(
        '',
        '```sql',
        ...s.sql.map((q) => `${q};`),
        ...(s.batch ? [`-- repeated until it changes no row (${s.batch.rowsPerBatch} rows a batch):`, `${s.batch.sql};`] : []),
        '```',
        '',
      );
      if ('irreversible' in s.reverse) out.push(`Reverse: cannot be undone: ${s.reverse.irreversible}.`, '');
      else if (s.reverse.sql.length)
        out.push(`Reverse${s.reverse.lost ? ` (does not bring back ${s.reverse.lost})` : ''}:`, '', '```sql', ...s.reverse.sql.map((q) => `${q};`), '```', '');
      else out.push('Reverse: nothing to undo.', '');
    }
  }
  return out.join('\n');
}

function strongestLock(s: PlanStep): string {
  if (!s.locks.length) return '—';
  const order = ['nothing', 'schema changes', 'writes', 'reads and writes'];
  const worst = s.locks.reduce((a, b) => (order.indexOf(b.blocks) > order.indexOf(a.blocks) ? b : a));
  return `${worst.dialectMode ?? worst.mode} (${worst.blocks})`;
}

function validationLines(v: PlanValidation): string[] {
  const forward = v.forward.failure
    ? `**failed** at step ${v.forward.failure.step}: ${v.forward.failure.message} (\`${v.forward.failure.statement}\`)`
    : v.forward.reached
      ? 'reached the target exactly (the diff after it is empty)'
      : `**${v.forward.residual.length} differences remain**: ${v.forward.residual.map((c) => c.kind).join(', ')}`;
  const lines = [`Checked on ${v.engine}, on a copy of the source's structure (no rows): the plan ${forward}.`];
  if (v.reverse) {
    if (v.reverse.irreversible.length) lines.push(`Its reverse was not run: steps ${v.reverse.irreversible.join(', ')} cannot be undone.`);
    else if (v.reverse.failure) lines.push(`Its reverse **failed** at step ${v.reverse.failure.step}: ${v.reverse.failure.message}.`);
    else
      lines.push(
        v.reverse.reached
          ? 'Its reverse, run after it, brought the source back exactly.'
          : `Its reverse left **${v.reverse.residual.length} differences** from the source.`,
      );
  }
  for (const note of v.notes) lines.push(`- ${note}`);
  return lines;
}
