import type { StatementLock, TableWork } from './locks.js';
import type { Change } from '../model/change.js';
import type { Schema } from '../model/schema.js';

/**
 * Changes as a dialect's statements, in its safe forms (PostgreSQL: NOT VALID then VALIDATE,
 * CREATE INDEX CONCURRENTLY; MySQL: ALGORITHM and LOCK stated). The generic planner
 * (`existing/plan/`) orders the steps, reads their locks from the SQL and weighs them; the
 * dialect says only what to run, what undoes it, and what it risks by its nature.
 */

/** The phases of an expand/contract migration: add beside the old, move the data and the application, then remove the old. */
export const MIGRATION_PHASES = ['expand', 'migrate', 'contract'] as const;
export type MigrationPhase = (typeof MIGRATION_PHASES)[number];

/**
 * What a step risks, by name (the vocabulary after pg-schema-diff's hazards, in words):
 * - `data-loss`: rows or values are deleted and cannot come back from the database itself;
 * - `blocks-reads`, `blocks-writes`: the lock it takes stops the application (read from the lock table);
 * - `rewrite`, `scan`: it copies or reads every row of the table while holding its lock;
 * - `index-build`: it builds an index (I/O and time proportional to the table);
 * - `index-dropped`: queries that used the index get slower;
 * - `application-change`: the application must change around it (dual writes, a switch of names);
 * - `authorization`: who may see which rows changes;
 * - `native-sql`: it runs the database's own SQL the model does not read, whose dependencies are not tracked;
 * - `correctness`: rows that break the new rule stop the step (a check or key validated on old data).
 */
export type Hazard =
  | 'data-loss'
  | 'blocks-reads'
  | 'blocks-writes'
  | 'rewrite'
  | 'scan'
  | 'index-build'
  | 'index-dropped'
  | 'application-change'
  | 'authorization'
  | 'native-sql'
  | 'correctness';

/** Statements that undo a step, or why none can. */
export type StepReverse =
  /** `lost`: what the reverse does not bring back (it restores the structure, not the dropped values). */
  | { readonly sql: readonly string[]; readonly transactional: boolean; readonly lost?: string }
  /** Why the step cannot be undone (the data it dropped is gone). */
  | { readonly irreversible: string };

/** A backfill: one statement run again and again, each run a short transaction, until it changes no row. */
export interface StepBatch {
  readonly table: string;
  /** Changes at most `rowsPerBatch` rows per run; the step is done when a run changes none. */
  readonly sql: string;
  readonly rowsPerBatch: number;
}

/** One step as a dialect writes it. */
export interface StepDraft {
  readonly phase: MigrationPhase;
  /** What it does, in a line: `add column orders.note (nullable)`. */
  readonly title: string;
  /** The table whose size decides how long the step takes, when one does. */
  readonly table?: string;
  /** Run in order; empty when the step is only a batch. */
  readonly sql: readonly string[];
  /** False for statements that refuse a transaction block (CREATE INDEX CONCURRENTLY): each then runs alone. */
  readonly transactional: boolean;
  readonly batch?: StepBatch;
  readonly reverse: StepReverse;
  /** The hazards of its nature; the planner adds those its locks imply. */
  readonly hazards: readonly Hazard[];
  /** What it loses, when it loses data: `the values of orders.note`. Such a step runs only when confirmed. */
  readonly dataLoss?: string;
  /** Why this form was chosen, or what the team must do around it (dual writes, a deploy). */
  readonly note?: string;
  /** Less work than the lock table says, and why (SET NOT NULL after a validated CHECK proves it: no scan). */
  readonly lighterWork?: { readonly work: TableWork; readonly because: string };
}

/** A draft with the locks of its statements, read by the dialect from its own SQL. */
export interface LockedStep extends StepDraft {
  readonly locks: readonly StatementLock[];
}

export interface MigrationContext {
  readonly from: Schema;
  readonly to: Schema;
  /** Rows changed per backfill run (default 10,000). */
  readonly batchRows: number;
  /** Tables renamed by the plan: new key -> old key, so a change named after the rename finds the table as it was. */
  readonly tableRenames: ReadonlyMap<string, string>;
}

/** What a script of the plan needs of each step. */
export interface ScriptStep {
  readonly id: string;
  readonly phase: MigrationPhase;
  readonly title: string;
  readonly sql: readonly string[];
  readonly transactional: boolean;
  readonly batch?: StepBatch;
  readonly dataLoss?: string;
}

/** A dialect's half of the planner. */
export interface DialectMigration {
  /** The steps that make one change, in order; they may span phases (expand, then migrate, then contract). */
  stepsFor(change: Change, context: MigrationContext): LockedStep[];
  /** The steps as one script for the dialect's own shell, each bounded by the timeouts; empty for no steps. */
  script(steps: readonly ScriptStep[], timeouts: { readonly lockMs: number; readonly statementMs: number }): string;
}
