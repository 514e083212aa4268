import type { DialectDiff } from '../dialects/diff.js';
import type { PlanningDialect } from '../dialects/planning.js';
import { introspectorFor } from '../dialects/registry.js';
import type { Engine } from '../engines/engine.js';
import { startPglite } from '../engines/pglite.js';
import { openMysqlScratchDatabase, openScratchDatabase, type ScratchDatabase } from '../engines/scratch-database.js';
import { applyPlan } from '../apply/run-plan.js';
import { diffSchemas } from '../existing/diff/index.js';
import type { MigrationPlan, PlanStep, PlanValidation, ValidationRun } from '../existing/plan/plan.js';
import type { Schema } from '../model/schema.js';
import { loadSqlScript } from './load-sql-file.js';

export interface ValidationSource {
  readonly schema: Schema;
  /** The source's own SQL when it is a file: the copy loads it as `introspect` does, not a rewrite of it. */
  readonly sqlText?: string;
}

/** Runs steps on the copy with apply's own runner, so the check covers the path `apply` takes. */
async function run(engine: Engine, plan: MigrationPlan, steps: readonly PlanStep[]): Promise<ValidationRun['failure']> {
  const result = await applyPlan({ ...plan, steps }, engine, { apply: true, allowDataLoss: true, lockRetry: { tries: 1, backoffMs: 0 } });
  if (result.ok) return undefined;
  if (!result.failure) return { step: result.refusal?.steps[0]?.id ?? '', statement: '', message: result.refusal?.message ?? 'refused' };
  return { step: result.failure.step?.id ?? '', statement: result.failure.statement, message: result.failure.error.split('\n')[0]! };
}

/** Dialect name -> how to make a scratch database on a server of it. */
const SCRATCH: Readonly<Record<string, (url: string) => Promise<ScratchDatabase>>> = {
  postgres: openScratchDatabase,
  mysql: openMysqlScratchDatabase,
};

/**
 * pg-schema-diff's check, and the down migration's: on a fresh embedded PostgreSQL (or a scratch
 * database on the user's server, for their version's behaviour) holding a copy of
 * the source's structure, run the plan and diff the result against the target (it must be empty),
 * then run every reverse and diff against the source (empty again, unless a step cannot be undone).
 * Structure only: the copy has no rows, so backfills and validations run on empty tables.
 */
export async function validatePlan(
  plan: MigrationPlan,
  source: ValidationSource,
  target: Schema,
  dialect: PlanningDialect,
  hooks: DialectDiff,
  /** A server of the plan's dialect to validate on, in a scratch database dropped afterwards; embedded PostgreSQL when omitted (PostgreSQL only). */
  serverUrl?: string,
): Promise<PlanValidation> {
  const scratch = SCRATCH[dialect.name];
  if (serverUrl === undefined && dialect.name !== 'postgres') throw new Error(`a ${dialect.displayName} plan is checked on a server: give one`);
  if (serverUrl !== undefined && !scratch) throw new Error(`no scratch database can be made for ${dialect.displayName}`);
  const copy = serverUrl === undefined ? await embeddedCopy() : await scratch!(serverUrl);
  const engine = copy.engine;
  const introspector = introspectorFor(dialect.name)!;
  const readBack = (db: Engine) => dialect.readBack(introspector, db);
  const notes: string[] = [];
  try {
    if (source.sqlText !== undefined) {
      await loadSqlScript(engine, source.sqlText);
    } else {
      for (const statement of dialect.structure(source.schema)) {
        try {
          await engine.exec(statement.sql);
        } catch (error) {
          if (statement.optional === undefined) throw error;
          notes.push(`${statement.optional}: not rebuilt on the copy (${(error as Error).message.split('\n')[0]})`);
        }
      }
    }
    const version = await engine.version();
    const failed = await run(engine, plan, plan.steps);
    if (failed) return { engine: version, forward: { reached: false, residual: [], failure: failed }, notes };
    const residual = diffSchemas(await readBack(engine), target, { hooks }).changes;
    const forward: ValidationRun = { reached: residual.length === 0, residual };

    const irreversible = plan.steps.filter((s) => 'irreversible' in s.reverse).map((s) => s.id);
    if (irreversible.length) return { engine: version, forward, reverse: { reached: false, residual: [], irreversible }, notes };
    // Each step's reverse as a step of its own, last first; a reverse with nothing to undo is left out.
    const reverse = [...plan.steps].reverse().flatMap((step): PlanStep[] => {
      if ('irreversible' in step.reverse || step.reverse.sql.length === 0) return [];
      const { batch: _batch, ...rest } = step;
      return [{ ...rest, id: `r${step.id}`, title: `undo: ${step.title}`, sql: step.reverse.sql, transactional: step.reverse.transactional }];
    });
    const reverseFailed = await run(engine, plan, reverse);
    if (reverseFailed) return { engine: version, forward, reverse: { reached: false, residual: [], irreversible, failure: reverseFailed }, notes };
    const back = diffSchemas(await readBack(engine), source.schema, { hooks }).changes;
    return { engine: version, forward, reverse: { reached: back.length === 0, residual: back, irreversible }, notes };
  } finally {
    await copy.close();
  }
}

async function embeddedCopy(): Promise<{ engine: Engine; close(): Promise<void> }> {
  const engine = await startPglite();
  return { engine, close: () => engine.close() };
}
