import type { Hazard, MigrationPhase, StepBatch, StepReverse } from '../../dialects/migration.js';
import type { StatementLock, TableWork } from '../../dialects/locks.js';
import type { Change, RenameCandidate } from '../../model/change.js';

/** How long a step is expected to hold its table, and from what. */
export interface StepEstimate {
  readonly seconds: number;
  /** `introspected statistics: 1.2M rows, 310 MB`, or `spec volume: 50M rows`. */
  readonly basis: string;
}

/** One step of a plan: a dialect's draft with its locks read from its SQL, its duration and its risk. */
export interface PlanStep {
  /** Stable within the plan: `01`, `02`, …, in run order; apply records progress by it. */
  readonly id: string;
  readonly phase: MigrationPhase;
  readonly title: string;
  readonly table?: string;
  readonly sql: readonly string[];
  readonly transactional: boolean;
  readonly batch?: StepBatch;
  readonly reverse: StepReverse;
  /** The locks its statements take, from the dialect's lock table over their parse trees. */
  readonly locks: readonly StatementLock[];
  /** The heaviest work any of its statements does to the table. */
  readonly work: TableWork | 'backfill';
  readonly estimate: StepEstimate | null;
  readonly risk: 'low' | 'medium' | 'high';
  readonly hazards: readonly Hazard[];
  readonly dataLoss?: string;
  readonly note?: string;
  /** Which of the plan's changes it makes (indexes into `changes`). */
  readonly changes: readonly number[];
}

/** Where a side of the diff came from, safe to print (URLs without passwords). */
export interface PlanSide {
  readonly kind: 'spec' | 'sql-file' | 'live';
  readonly location: string;
}

/** What `diff` writes as plan.json and `apply` reads. */
export interface MigrationPlan {
  readonly format: 'dbarchitect-migration-plan';
  readonly version: 1;
  readonly dialect: string;
  readonly from: PlanSide;
  readonly to: PlanSide;
  readonly changes: readonly Change[];
  readonly renameCandidates: readonly RenameCandidate[];
  readonly steps: readonly PlanStep[];
  /** True when some step loses data: apply then needs `--allow-data-loss`. */
  readonly dataLoss: boolean;
  /** What the dialect says once of every plan (MySQL: no transactional DDL). */
  readonly notes?: readonly string[];
}

/** Whether running steps reached the schema they aim at, and where they stopped when they did not. */
export interface ValidationRun {
  readonly reached: boolean;
  /** What still differs from the aim after the run (empty when reached). */
  readonly residual: readonly Change[];
  readonly failure?: { readonly step: string; readonly statement: string; readonly message: string };
}

export interface PlanValidation {
  /** The engine the copy ran on, as it reports itself. */
  readonly engine: string;
  /** The plan applied to a copy of the source, then diffed against the target. */
  readonly forward: ValidationRun;
  /** Then every step's reverse, last step first, diffed against the source; absent when the forward run failed. */
  readonly reverse?: ValidationRun & { readonly irreversible: readonly string[] };
  /** Parts of the source the copy could not rebuild (native objects the engine refused), each with the reason. */
  readonly notes: readonly string[];
}
