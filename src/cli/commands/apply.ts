import type { Command } from 'commander';
import type { ApplyEvent, ApplyFailure, ApplyResult, ApplyStatement } from '../../apply/run-plan.js';
import { parseDuration } from '../../spec/quantities.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { Terminal } from '../terminal.js';

interface ApplyFlags {
  db?: string;
  apply?: boolean;
  allowDataLoss?: boolean;
  lockTimeout: string;
  statementTimeout: string;
  format: string;
}

/** `2 s`, `10 min`: how the output states a duration. */
const humanMs = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

export function registerApply(program: Command, context: CommandContext): void {
  program
    .command('apply')
    .description(
      'run a migration plan (plan.json from `dbarchitect diff`) on a live database: a dry run unless --apply; then every step under lock and statement timeouts, backfills in batches, progress kept in the database so a re-run resumes',
    )
    .argument('<plan.json>', 'the plan to run')
    .option('--db <url>', 'the database to migrate (postgres:// URL; never a file)')
    .option('--apply', 'run the statements (without it: print what would run, run nothing)')
    .option('--allow-data-loss', 'run the steps that lose data (dropped columns or tables); without it a plan with such a step is refused')
    .option('--lock-timeout <duration>', 'the longest a step waits for a lock (and so holds up the writes queued behind it)', '2s')
    .option('--statement-timeout <duration>', 'the longest one statement (or one batch run) may take', '10m')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect apply plan.json --db postgres://me@localhost/shop\n  $ dbarchitect apply plan.json --db postgres://me@localhost/shop --apply\n  $ dbarchitect apply plan.json --db postgresql://me@db/shop --apply --allow-data-loss --lock-timeout 500ms --format json',
    )
    .action(async (file: string, flags: ApplyFlags) => {
      const terminal = context.terminal();
      if (!['text', 'json'].includes(flags.format)) {
        terminal.error(`unknown --format \`${flags.format}\`; use text or json`);
        return context.exit(EXIT.badInput);
      }
      if (!flags.db) {
        terminal.error('--db <url> is required: the database to run the plan on (postgres://user@host/db)');
        return context.exit(EXIT.badInput);
      }
      const lockTimeoutMs = durationFlag(terminal, '--lock-timeout', flags.lockTimeout);
      const statementTimeoutMs = durationFlag(terminal, '--statement-timeout', flags.statementTimeout);
      if (lockTimeoutMs === undefined || statementTimeoutMs === undefined) return context.exit(EXIT.badInput);
      const json = flags.format === 'json';
      // Loaded when the command runs, so other commands do not pay for the engines (test/cli-startup.test.ts).
      const { applyPlanFile } = await import('../../api/apply.js');
      const outcome = await applyPlanFile(file, flags.db, {
        apply: flags.apply === true,
        allowDataLoss: flags.allowDataLoss === true,
        lockTimeoutMs,
        statementTimeoutMs,
        onProgress: (event) => terminal.info(progressLine(event)),
      });
      const result = outcome.result;
      if (json && result) terminal.output(`${JSON.stringify({ plan: file, database: outcome.database, ...result }, null, 2)}\n`);
      if (!outcome.ok) {
        if (outcome.diagnostics) terminal.diagnostics(outcome.diagnostics);
        else if (result?.failure) terminal.error(renderFailure(result.failure, rerun(file, outcome.database ?? '', flags)));
        else terminal.error(outcome.message);
        return context.exit(outcome.failure === 'input' ? EXIT.badInput : EXIT.engine);
      }
      if (!json) {
        if (outcome.result.mode === 'dry-run') {
          terminal.output(renderDryRun(outcome.result));
          terminal.info(dryRunHint(file, outcome.database, outcome.result, flags));
        } else terminal.output(renderApplied(outcome.result, outcome.database));
      }
      return context.exit(EXIT.ok);
    });
}

function durationFlag(terminal: Terminal, flag: string, text: string): number | undefined {
  const parsed = parseDuration(text);
  if (!parsed.ok || parsed.value.seconds <= 0) {
    // 0 means "no limit" to PostgreSQL: exactly what apply must never set.
    terminal.error(`${flag} must be a duration above zero such as \`500ms\`, \`2s\` or \`10m\`, not \`${text}\``);
    return undefined;
  }
  return Math.round(parsed.value.seconds * 1000);
}

const elapsedText = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

function progressLine(event: ApplyEvent): string {
  switch (event.kind) {
    case 'step-start':
      return `step ${event.step} (${event.index}/${event.total}): ${event.title}`;
    case 'step-skipped':
      return `step ${event.step}: done by an earlier run, skipped`;
    case 'step-done':
      return `step ${event.step}: done in ${elapsedText(event.ms)}`;
    case 'batch':
      return `  batch ${event.run}: ${event.rows} rows in ${elapsedText(event.ms)} (${event.totalRows} so far)`;
    case 'retry':
      return `  lock timeout${event.step ? ` on step ${event.step}` : ''} (try ${event.attempt} of ${event.tries}): trying again in ${humanMs(event.waitMs)}`;
  }
}

function commentOf(result: ApplyResult, statement: ApplyStatement, previous: ApplyStatement | undefined): string | undefined {
  if (statement.step === previous?.step && previous !== undefined) return undefined;
  if (statement.step === undefined) return '-- the progress table (dbarchitect.apply_progress), made when missing';
  const step = result.steps.find((s) => s.id === statement.step)!;
  const resumed = step.earlier ? `; resumed after ${step.earlier.statementsDone} statement(s) and ${step.earlier.batches} batch(es) run earlier` : '';
  return `-- step ${step.id} (${step.phase}): ${step.title}${step.dataLoss ? ` [loses ${step.dataLoss}]` : ''}${resumed}`;
}

/** The statements, in order, as a script a reader can follow (and run by hand). */
function renderDryRun(result: ApplyResult): string {
  const lines: string[] = [];
  result.statements.forEach((statement, i) => {
    const comment = commentOf(result, statement, result.statements[i - 1]);
    if (comment) lines.push(...(lines.length ? [''] : []), comment);
    if (statement.repeat) lines.push('-- run again and again, each run its own transaction, until it changes no row:');
    lines.push(`${statement.sql};`);
  });
  const skipped = result.steps.filter((s) => s.status === 'skipped');
  if (skipped.length) lines.push('', `-- done by an earlier run of this plan, skipped: ${skipped.map((s) => s.id).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function rerun(file: string, database: string, flags: ApplyFlags, extra: readonly string[] = []): string {
  const timeouts = [
    ...(flags.lockTimeout !== '2s' ? [`--lock-timeout ${flags.lockTimeout}`] : []),
    ...(flags.statementTimeout !== '10m' ? [`--statement-timeout ${flags.statementTimeout}`] : []),
  ];
  return ['dbarchitect apply', file, '--db', database, '--apply', ...(flags.allowDataLoss ? ['--allow-data-loss'] : []), ...extra, ...timeouts].join(' ');
}

function dryRunHint(file: string, database: string, result: ApplyResult, flags: ApplyFlags): string {
  const pending = result.steps.filter((s) => s.status === 'would-run');
  const losing = pending.filter((s) => s.dataLoss);
  const retry = result.lockRetry;
  const lines = [
    `dry run: nothing was run. ${pending.length} of ${result.steps.length} step(s) would run on ${database}, each with lock_timeout ${humanMs(result.timeouts.lockMs)} and statement_timeout ${humanMs(result.timeouts.statementMs)}; a lock timeout is tried ${retry.tries} times in all (waiting ${humanMs(retry.backoffMs)}, then doubling) before the run stops.`,
    ...losing.map((s) => `step ${s.id} loses ${s.dataLoss}: it runs only with --allow-data-loss.`),
    pending.length
      ? `To run it: ${rerun(file, database, flags, losing.length && !flags.allowDataLoss ? ['--allow-data-loss'] : [])}`
      : 'Every step is done: nothing to run.',
  ];
  return lines.join('\n');
}

function renderApplied(result: ApplyResult, database: string): string {
  const ran = result.steps.filter((s) => s.status === 'done');
  const skipped = result.steps.filter((s) => s.status === 'skipped');
  const lines = [`applied to ${database}: ${ran.length} step(s) run, ${skipped.length} skipped as done by an earlier run`];
  for (const s of result.steps) {
    const batches = s.batches.length ? `, ${s.batches.length} batch(es), ${s.batches.reduce((a, b) => a + b, 0)} rows` : '';
    const tries = s.attempts > 1 ? `, ${s.attempts} tries` : '';
    lines.push(`  ${s.id} ${s.status.padEnd(7)} ${s.title}${batches}${tries}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderFailure(failure: ApplyFailure, command: string): string {
  const head = failure.step ? `step ${failure.step.id} (${failure.step.title}) failed` : 'the progress table could not be set up';
  return [
    `${head}${failure.attempts > 1 ? ` after ${failure.attempts} tries` : ''}`,
    `  statement: ${failure.statement}`,
    `  engine: ${failure.error}`,
    ...failure.invalidIndexes.map((i) => `  left behind: the invalid index ${i.name}; remove it with: ${i.drop};`),
    `  done: ${failure.done.length ? failure.done.join(', ') : 'no step'} (kept in dbarchitect.apply_progress)`,
    `  to resume: ${failure.resume}`,
    `  then: ${command}`,
  ].join('\n');
}
