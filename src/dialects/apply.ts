import type { SqlSession } from './session.js';

/** What one step has recorded of itself in the database. */
export interface StepProgress {
  readonly stepId: string;
  readonly state: 'running' | 'done';
  /** Statements of the step already run (a non-transactional step resumes after them). */
  readonly statementsDone: number;
  readonly batches: number;
  readonly rows: number;
}

/** An index a failed `CREATE INDEX CONCURRENTLY` left behind, and the statement that removes it. */
export interface InvalidIndex {
  readonly name: string;
  readonly drop: string;
}

/**
 * What running a plan needs of a dialect beyond `Dialect.session` (timeouts, rollback): where the
 * progress is kept, how a backfill's changed rows are counted, how a lock timeout and an invalid
 * index are recognised (`Dialect.apply`; PostgreSQL's is dialects/postgres/apply.ts).
 */
export interface ApplyDialect {
  /** The plan dialect it runs (`MigrationPlan.dialect`). */
  readonly dialect: string;
  /** The engines (`Engine.kind`) that speak it. */
  readonly engineKinds: readonly string[];
  readonly displayName: string;
  /** Loads what the synchronous methods need (the SQL parser). */
  prepare(): Promise<void>;
  readonly begin: string;
  readonly commit: string;
  /** The statements that create the progress table when it is missing (run only when applying). */
  readonly setup: readonly string[];
  /** The progress recorded for one plan, or none when the table does not exist (a read, never a write). */
  readProgress(db: SqlSession, planHash: string): Promise<StepProgress[]>;
  /** Records a step's state; run inside the step's transaction when it has one. */
  recordStep(planHash: string, stepId: string, state: 'running' | 'done', statementsDone: number): string;
  /**
   * One run of a backfill that records its own count in the same statement (so the two cannot
   * part) and returns the rows it changed as `rows`; the step is marked done by the run that
   * changes none.
   */
  batchRun(planHash: string, stepId: string, statementsDone: number, batchSql: string): string;
  /** Why a batch statement cannot be run as a counted batch, or undefined when it can. */
  batchProblem(batchSql: string): string | undefined;
  /** True when the engine's error is a lock wait that ran out (worth another try). */
  isLockTimeout(message: string): boolean;
  /** True for a statement that builds an index without blocking writes and may leave an invalid index when it fails. */
  buildsIndexConcurrently(sql: string): boolean;
  /** The invalid indexes a concurrent index build of `sql` has left (after a failure, or when IF NOT EXISTS met a leftover). */
  invalidIndexesOf(db: SqlSession, sql: string): Promise<InvalidIndex[]>;
}
