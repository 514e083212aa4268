import { readFile } from 'node:fs/promises';
import { readPlan, type RunnablePlan } from '../apply/read-plan.js';
import { applyPlan, refusalOf, type ApplyOptions, type ApplyResult } from '../apply/run-plan.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Engine } from '../engines/engine.js';
import { connectPostgres } from '../engines/postgres.js';
import { redactSecrets, redactUrl } from '../engines/redact.js';

export interface ApplyFileOptions extends ApplyOptions {
  /** Give up on a server that does not answer after this long (default 10 s). */
  readonly connectTimeoutMs?: number;
}

export type ApplyFileResult =
  | { readonly ok: true; readonly database: string; readonly result: ApplyResult }
  /**
   * `input`: the plan, the target or the flags are wrong, or the plan was refused (exit 2);
   * `engine`: the database could not be reached, or a step failed (exit 3). Messages are safe to print.
   */
  | {
      readonly ok: false;
      readonly failure: 'input' | 'engine';
      readonly message: string;
      readonly database?: string;
      readonly diagnostics?: readonly Diagnostic[];
      readonly result?: ApplyResult;
    };

interface LiveTarget {
  readonly dialect: string;
  /** Absent where apply cannot run that dialect's plans yet (the plan is refused before this). */
  readonly connect?: (
    url: string,
    options: { readOnly: boolean; connectTimeoutMs: number; statementTimeoutMs: number; lockTimeoutMs: number },
  ) => Promise<Engine>;
}

const LIVE_TARGETS: Readonly<Record<string, LiveTarget>> = {
  'postgres:': { dialect: 'postgres', connect: connectPostgres },
  'postgresql:': { dialect: 'postgres', connect: connectPostgres },
  'mysql:': { dialect: 'mysql' },
  'mariadb:': { dialect: 'mysql' },
};

/** The scheme of a connection URL (`postgres:`), or undefined for anything else (a file path). */
const schemeOf = (target: string): string | undefined => {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target);
  return match ? `${match[1]!.toLowerCase()}:` : undefined;
};

/**
 * `dbarchitect apply`: reads plan.json, refuses what must not run (another dialect, data loss
 * without the flag) before connecting, then runs the plan on the database at `url`. A dry run
 * (the default) connects read-only and only reads the plan's recorded progress.
 */
export async function applyPlanFile(file: string, url: string, options: ApplyFileOptions = {}): Promise<ApplyFileResult> {
  const read = await readPlanFile(file);
  if (!read.ok) return read;
  const scheme = schemeOf(url);
  const target = scheme ? LIVE_TARGETS[scheme] : undefined;
  if (!scheme)
    return {
      ok: false,
      failure: 'input',
      message: `--db ${url}: apply runs a plan on a live database and needs its URL (postgres://user@host/db); a file cannot be migrated. To try the plan first, load the file into a scratch database and give that database's URL`,
    };
  const database = redactUrl(url);
  if (!target)
    return {
      ok: false,
      failure: 'input',
      message: `--db ${database}: no engine for ${scheme}// URLs; give ${Object.keys(LIVE_TARGETS)
        .map((s) => `${s}//…`)
        .join(', ')}`,
    };
  const refusal = await refusalOf(read.plan, target.dialect, options);
  if (refusal || !target.connect) {
    const message = refusal
      ? [refusal.message, ...refusal.steps.map((s) => `  step ${s.id} (${s.title}): ${s.problem}`)].join('\n')
      : `apply cannot run ${target.dialect} plans yet`;
    return { ok: false, failure: 'input', message: `${file}: ${message}`, database };
  }
  let engine: Engine;
  try {
    engine = await target.connect(url, {
      readOnly: !options.apply,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      statementTimeoutMs: 30_000,
      lockTimeoutMs: options.lockTimeoutMs ?? 2_000,
    });
  } catch (error) {
    return { ok: false, failure: 'engine', message: redactSecrets((error as Error).message.split('\n')[0]!, url), database };
  }
  try {
    const result = await applyPlan(read.plan, engine, options);
    if (result.refusal) return { ok: false, failure: 'input', message: `${file}: ${result.refusal.message}`, database, result };
    if (result.failure) return { ok: false, failure: 'engine', message: redactSecrets(result.failure.error, url), database, result: redactResult(result, url) };
    return { ok: true, database, result };
  } catch (error) {
    return {
      ok: false,
      failure: 'engine',
      message: `running ${file} on ${database} failed: ${redactSecrets((error as Error).message.split('\n')[0]!, url)}`,
      database,
    };
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/** The engine redacts its errors already; this is the second lock on the door for what is printed. */
function redactResult(result: ApplyResult, url: string): ApplyResult {
  return result.failure ? { ...result, failure: { ...result.failure, error: redactSecrets(result.failure.error, url) } } : result;
}

type PlanRead = { readonly ok: true; readonly plan: RunnablePlan } | Extract<ApplyFileResult, { ok: false }>;

async function readPlanFile(file: string): Promise<PlanRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'this is a folder, not a plan.json' : `cannot read the file (${code ?? 'unknown error'})`;
    return {
      ok: false,
      failure: 'input',
      message: `${file}: ${why}`,
      diagnostics: [
        {
          code: 'plan/unreadable',
          severity: 'error',
          message: why,
          fix: 'give the plan.json `dbarchitect diff … --format json` wrote',
          location: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  const read = readPlan(file, text);
  if (!read.ok) return { ok: false, failure: 'input', message: read.diagnostics.map((d) => `${file}: ${d.message}`).join('\n'), diagnostics: read.diagnostics };
  return read;
}
