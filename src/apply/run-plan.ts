import type { SqlSession } from '../dialects/session.js';
import { plannerFor } from '../dialects/registry.js';
import { applyDialectFor, applyDialectNames, dialectOfEngine, type ApplyDialect, type InvalidIndex, type StepProgress } from './apply-dialect.js';
import { planHash } from './plan-hash.js';
import type { RunnablePlan, RunnableStep } from './read-plan.js';

/**
 * Runs a migration plan on a live database, safely: a dry run by default; when applying, every
 * step bounded by lock and statement timeouts, transactional steps in a transaction with their
 * progress record, concurrent index builds alone, backfills in short counted batches, a lock
 * timeout tried again with backoff, a stop at the first failure, and progress kept in the database
 * so a re-run of the same plan resumes where it stopped. Reports through `onProgress`; never prints.
 */

export interface LockRetry {
  /** Tries in all, the first included. */
  readonly tries: number;
  /** The wait before the second try; doubled before each next one. */
  readonly backoffMs: number;
}

export interface ApplyOptions {
  /** Run the statements (default false: return them, run nothing). */
  readonly apply?: boolean;
  /** Run steps that lose data (`dataLoss`); without it a plan with such a step is refused. */
  readonly allowDataLoss?: boolean;
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  readonly lockRetry?: LockRetry;
  readonly onProgress?: (event: ApplyEvent) => void;
}

export const APPLY_DEFAULTS = {
  lockTimeoutMs: 2_000,
  statementTimeoutMs: 600_000,
  lockRetry: { tries: 3, backoffMs: 1_000 },
} as const;

export interface ApplyStatement {
  /** The step it belongs to; absent for the progress table's setup. */
  readonly step?: string;
  readonly role: 'session' | 'setup' | 'transaction' | 'step' | 'progress' | 'batch';
  readonly sql: string;
  /** A batch runs again and again, each run its own transaction, until a run changes no row. */
  readonly repeat?: 'until-no-row-changes';
}

export type StepStatus = 'done' | 'skipped' | 'would-run' | 'failed' | 'not-reached';

export interface StepOutcome {
  readonly id: string;
  readonly title: string;
  readonly phase: string;
  /** `skipped`: done by an earlier run of this plan; `would-run`: a dry run's pending step. */
  status: StepStatus;
  /** Tries of the last statement or batch run (above 1 when a lock timeout was tried again). */
  attempts: number;
  /** Rows changed by each batch run of this run (the final run, which changes none, not listed). */
  readonly batches: number[];
  /** What earlier runs recorded for it, when they did. */
  readonly earlier?: { readonly statementsDone: number; readonly batches: number; readonly rows: number };
  readonly dataLoss?: string;
}

export interface ApplyFailure {
  /** Absent when the progress table could not be set up. */
  readonly step?: { readonly id: string; readonly title: string };
  readonly statement: string;
  /** The engine's message (connection secrets are removed by the engine). */
  readonly error: string;
  readonly attempts: number;
  readonly lockTimeout: boolean;
  /** Left by a failed `CREATE INDEX CONCURRENTLY`: remove each before running the plan again. */
  readonly invalidIndexes: readonly InvalidIndex[];
  /** Ids of the steps done, by this run or earlier ones. */
  readonly done: readonly string[];
  /** How to go on, in words. */
  readonly resume: string;
}

export interface ApplyRefusal {
  readonly reason: 'data-loss' | 'dialect' | 'plan';
  readonly message: string;
  /** The steps concerned: for `data-loss`, each with what it loses. */
  readonly steps: readonly { readonly id: string; readonly title: string; readonly problem: string }[];
}

export interface ApplyResult {
  readonly mode: 'dry-run' | 'apply';
  readonly ok: boolean;
  readonly dialect: string;
  readonly planHash: string;
  readonly timeouts: { readonly lockMs: number; readonly statementMs: number };
  readonly lockRetry: LockRetry;
  /** Dry run: every statement it would run, in order. Apply: those it ran (a batch once, however often it ran). */
  readonly statements: readonly ApplyStatement[];
  readonly steps: readonly StepOutcome[];
  readonly failure?: ApplyFailure;
  readonly refusal?: ApplyRefusal;
}

export type ApplyEvent =
  | { readonly kind: 'step-start'; readonly step: string; readonly title: string; readonly index: number; readonly total: number }
  | { readonly kind: 'step-skipped'; readonly step: string; readonly title: string }
  | { readonly kind: 'step-done'; readonly step: string; readonly title: string; readonly ms: number }
  | { readonly kind: 'batch'; readonly step: string; readonly run: number; readonly rows: number; readonly totalRows: number; readonly ms: number }
  | { readonly kind: 'retry'; readonly step?: string; readonly attempt: number; readonly tries: number; readonly waitMs: number; readonly error: string };

/**
 * Why a plan cannot run here, before anything runs: a dialect other than the database's, a dialect
 * apply cannot run, a batch it cannot count, or steps that lose data without `allowDataLoss`.
 */
export async function refusalOf(
  plan: RunnablePlan,
  databaseDialect: string,
  options: Pick<ApplyOptions, 'apply' | 'allowDataLoss'> = {},
): Promise<ApplyRefusal | undefined> {
  if (plan.dialect !== databaseDialect)
    return {
      reason: 'dialect',
      message: `the plan is for ${plan.dialect}, but the database is ${databaseDialect}: plan again against this database (dbarchitect diff <from> <to> --format json)`,
      steps: [],
    };
  const dialect = applyDialectFor(plan.dialect);
  if (!dialect || !plannerFor(plan.dialect))
    return { reason: 'dialect', message: `apply runs ${applyDialectNames().join(', ')} plans only; this plan is for ${plan.dialect}`, steps: [] };
  await dialect.prepare();
  const badBatches = plan.steps.flatMap((s) => {
    const problem = s.batch ? dialect.batchProblem(s.batch.sql) : undefined;
    return problem ? [{ id: s.id, title: s.title, problem: `batch.sql: ${problem}` }] : [];
  });
  if (badBatches.length) return { reason: 'plan', message: `${badBatches.length} step(s) have a batch apply cannot run`, steps: badBatches };
  const losing = plan.steps.filter((s) => s.dataLoss !== undefined);
  if (options.apply && !options.allowDataLoss && losing.length)
    return {
      reason: 'data-loss',
      message: `${losing.length} step(s) lose data and run only with --allow-data-loss; nothing was run`,
      steps: losing.map((s) => ({ id: s.id, title: s.title, problem: `loses ${s.dataLoss}` })),
    };
  return undefined;
}

/** One thing run as a whole and tried again as a whole: a transactional step, one statement of a non-transactional step, one batch run. */
interface Unit {
  readonly step?: RunnableStep;
  readonly statements: readonly ApplyStatement[];
  readonly inTransaction: boolean;
  readonly kind: 'setup' | 'step' | 'statement' | 'batch';
}

export async function applyPlan(plan: RunnablePlan, session: SqlSession, options: ApplyOptions = {}): Promise<ApplyResult> {
  const lockMs = options.lockTimeoutMs ?? APPLY_DEFAULTS.lockTimeoutMs;
  const statementMs = options.statementTimeoutMs ?? APPLY_DEFAULTS.statementTimeoutMs;
  const lockRetry = options.lockRetry ?? APPLY_DEFAULTS.lockRetry;
  const hash = planHash(plan);
  const base = { mode: options.apply ? 'apply' : 'dry-run', dialect: plan.dialect, planHash: hash, timeouts: { lockMs, statementMs }, lockRetry } as const;
  const steps: StepOutcome[] = plan.steps.map((s) => ({
    id: s.id,
    title: s.title,
    phase: s.phase,
    status: 'not-reached',
    attempts: 0,
    batches: [],
    ...(s.dataLoss !== undefined ? { dataLoss: s.dataLoss } : {}),
  }));
  const refusal = await refusalOf(plan, dialectOfEngine(session.kind), options);
  if (refusal) return { ...base, ok: false, statements: [], steps, refusal };
  const d = applyDialectFor(plan.dialect)!;
  const timeouts = plannerFor(plan.dialect)!.session.timeouts(statementMs, lockMs);
  const rollback = plannerFor(plan.dialect)!.session.rollback;

  const progress = new Map((await d.readProgress(session, hash)).map((p) => [p.stepId, p]));
  const units: Unit[] = [
    { kind: 'setup', inTransaction: false, statements: [{ role: 'session', sql: timeouts }, ...d.setup.map((sql) => ({ role: 'setup' as const, sql }))] },
  ];
  plan.steps.forEach((step, i) => {
    const earlier = progress.get(step.id);
    if (earlier)
      (steps[i] as { earlier?: StepOutcome['earlier'] }).earlier = { statementsDone: earlier.statementsDone, batches: earlier.batches, rows: earlier.rows };
    if (earlier?.state === 'done') steps[i]!.status = 'skipped';
    else units.push(...unitsOf(step, earlier, d, hash, timeouts));
  });

  if (!options.apply) {
    for (const s of steps) if (s.status === 'not-reached') s.status = 'would-run';
    return { ...base, ok: true, statements: units.flatMap((u) => u.statements), steps };
  }

  const ran: ApplyStatement[] = [];
  const outcomeOf = (step: RunnableStep) => steps[plan.steps.indexOf(step)]!;
  const doneIds = () => steps.filter((s) => s.status === 'done' || s.status === 'skipped').map((s) => s.id);
  for (const s of steps) if (s.status === 'skipped') options.onProgress?.({ kind: 'step-skipped', step: s.id, title: s.title });
  let current: RunnableStep | undefined;
  let started = 0;
  for (const [u, unit] of units.entries()) {
    if (unit.step && unit.step !== current) {
      current = unit.step;
      started = performance.now();
      options.onProgress?.({ kind: 'step-start', step: current.id, title: current.title, index: plan.steps.indexOf(current) + 1, total: plan.steps.length });
    }
    const outcome = unit.step ? outcomeOf(unit.step) : undefined;
    const batchRowsSoFar = () => (outcome?.earlier?.rows ?? 0) + (outcome?.batches.reduce((a, b) => a + b, 0) ?? 0);
    for (let run = 1; ; run++) {
      const t0 = performance.now();
      const tried = await runWithRetry(unit, session, d, rollback, lockRetry, options.onProgress);
      if (outcome) outcome.attempts = tried.attempts;
      if (!tried.ok) {
        if (outcome) outcome.status = 'failed';
        ran.push(...unit.statements.filter((s) => !ran.includes(s)));
        return { ...base, ok: false, statements: ran, steps, failure: failureOf(unit, tried, doneIds()) };
      }
      if (run === 1) ran.push(...unit.statements);
      if (unit.kind !== 'batch') break;
      const rows = tried.rows;
      const limit = unit.step!.batch!.rowsPerBatch;
      if (rows > limit) {
        outcome!.batches.push(rows);
        outcome!.status = 'failed';
        const error = `one run changed ${rows} rows, more than rowsPerBatch (${limit}): the statement does not limit itself, so its transactions are not short`;
        return {
          ...base,
          ok: false,
          statements: ran,
          steps,
          failure: failureOf(unit, { ok: false, attempts: 1, error, lockTimeout: false, invalidIndexes: [] }, doneIds()),
        };
      }
      if (rows === 0) break;
      outcome!.batches.push(rows);
      options.onProgress?.({ kind: 'batch', step: unit.step!.id, run, rows, totalRows: batchRowsSoFar(), ms: performance.now() - t0 });
    }
    const next = units[u + 1];
    if (unit.step && next?.step !== unit.step) {
      outcome!.status = 'done';
      options.onProgress?.({ kind: 'step-done', step: unit.step.id, title: unit.step.title, ms: performance.now() - started });
    }
  }
  return { ...base, ok: true, statements: ran, steps };
}

/** The units of a step not done yet, from where its recorded progress says it stopped. */
function unitsOf(step: RunnableStep, earlier: StepProgress | undefined, d: ApplyDialect, hash: string, timeouts: string): Unit[] {
  const done = earlier?.statementsDone ?? 0;
  const remaining = step.sql.slice(done);
  const last = step.sql.length;
  const session: ApplyStatement = { step: step.id, role: 'session', sql: timeouts };
  const units: Unit[] = [];
  if (remaining.length && step.transactional) {
    units.push({
      step,
      kind: 'step',
      inTransaction: true,
      statements: [
        session,
        { step: step.id, role: 'transaction', sql: d.begin },
        ...remaining.map((sql) => ({ step: step.id, role: 'step' as const, sql })),
        { step: step.id, role: 'progress', sql: d.recordStep(hash, step.id, step.batch ? 'running' : 'done', last) },
        { step: step.id, role: 'transaction', sql: d.commit },
      ],
    });
  } else {
    // Each alone, outside a transaction (CREATE INDEX CONCURRENTLY refuses one), its progress recorded after it.
    remaining.forEach((sql, k) => {
      const n = done + k + 1;
      units.push({
        step,
        kind: 'statement',
        inTransaction: false,
        statements: [
          ...(k === 0 ? [session] : []),
          { step: step.id, role: 'step', sql },
          { step: step.id, role: 'progress', sql: d.recordStep(hash, step.id, n === last && !step.batch ? 'done' : 'running', n) },
        ],
      });
    });
  }
  if (step.batch)
    units.push({
      step,
      kind: 'batch',
      inTransaction: false,
      statements: [
        ...(units.length === 0 ? [session] : []),
        { step: step.id, role: 'batch', sql: d.batchRun(hash, step.id, last, step.batch.sql), repeat: 'until-no-row-changes' },
      ],
    });
  return units;
}

type Tried =
  | { readonly ok: true; readonly attempts: number; readonly rows: number }
  | {
      readonly ok: false;
      readonly attempts: number;
      readonly error: string;
      readonly lockTimeout: boolean;
      readonly invalidIndexes: readonly InvalidIndex[];
      readonly statement?: string;
    };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a unit; a lock timeout is tried again (after a rollback) up to `tries` times with doubling waits. */
async function runWithRetry(
  unit: Unit,
  db: SqlSession,
  d: ApplyDialect,
  rollback: string,
  retry: LockRetry,
  onProgress: ApplyOptions['onProgress'],
): Promise<Tried> {
  for (let attempt = 1; ; attempt++) {
    let statement: ApplyStatement | undefined;
    try {
      let rows = 0;
      for (statement of unit.statements) {
        if (statement.role === 'batch') rows = Number((await db.query<{ rows: string | number }>(statement.sql))[0]?.rows ?? 0);
        else await db.exec(statement.sql);
        if (statement.role !== 'step' || !d.buildsIndexConcurrently(statement.sql)) continue;
        // Checked before its progress is recorded: IF NOT EXISTS succeeds on the invalid index an
        // earlier failed build left, a success that built nothing.
        const invalid = await d.invalidIndexesOf(db, statement.sql);
        if (invalid.length)
          return {
            ok: false,
            attempts: attempt,
            statement: statement.sql,
            error: `the statement succeeded but the index is invalid (${invalid.map((i) => i.name).join(', ')}): an earlier build failed and IF NOT EXISTS kept what it left`,
            lockTimeout: false,
            invalidIndexes: invalid,
          };
      }
      return { ok: true, attempts: attempt, rows };
    } catch (caught) {
      const error = ((caught as Error).message ?? String(caught)).split('\n')[0]!;
      if (unit.inTransaction) await db.exec(rollback).catch(() => undefined);
      const failed = statement?.sql ?? '';
      const invalidIndexes = statement?.role === 'step' && d.buildsIndexConcurrently(failed) ? await d.invalidIndexesOf(db, failed).catch(() => []) : [];
      const lockTimeout = d.isLockTimeout(error);
      // A build that left an invalid index cannot simply run again: it must be removed first.
      if (lockTimeout && attempt < retry.tries && !invalidIndexes.length) {
        const waitMs = retry.backoffMs * 2 ** (attempt - 1);
        onProgress?.({ kind: 'retry', ...(unit.step ? { step: unit.step.id } : {}), attempt, tries: retry.tries, waitMs, error });
        await sleep(waitMs);
        continue;
      }
      return { ok: false, attempts: attempt, statement: failed, error, lockTimeout, invalidIndexes };
    }
  }
}

function failureOf(unit: Unit, tried: Extract<Tried, { ok: false }>, done: readonly string[]): ApplyFailure {
  const statement = tried.statement ?? unit.statements.find((s) => s.role === 'batch')?.sql ?? '';
  const again = tried.lockTimeout
    ? `the lock wait ran out on each of ${tried.attempts} tries: find what holds the table (long transactions, another migration) and run the plan again`
    : 'correct the cause and run the same plan again';
  const indexes = tried.invalidIndexes.length ? `; first remove what the failed build left: ${tried.invalidIndexes.map((i) => `${i.drop};`).join(' ')}` : '';
  const where = unit.step
    ? `the ${done.length} step(s) done are skipped and the run resumes with step ${unit.step.id}${unit.kind === 'batch' ? ' (its batches go on where they stopped)' : ''}`
    : 'nothing of the plan ran';
  return {
    ...(unit.step ? { step: { id: unit.step.id, title: unit.step.title } } : {}),
    statement,
    error: tried.error,
    attempts: tried.attempts,
    lockTimeout: tried.lockTimeout,
    invalidIndexes: tried.invalidIndexes,
    done,
    resume: `${again}${indexes}: ${where}.`,
  };
}
