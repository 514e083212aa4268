import type { TableWork } from '../../dialects/locks.js';
import { type DialectMigration, type Hazard, type LockedStep, MIGRATION_PHASES, type MigrationContext } from '../../dialects/migration.js';
import { type Change, type SchemaDiff, tableKey } from '../../model/change.js';
import type { Schema } from '../../model/schema.js';
import { estimateStep, type TableSize, tableSizes } from './estimate.js';
import { dependencyRank, priorityOf } from './order.js';
import type { MigrationPlan, PlanSide, PlanStep } from './plan.js';

/** What the planner needs of a dialect: a full `Dialect` or a `PlanningDialect` (MySQL) alike. */
export interface PlanDialect {
  readonly name: string;
  readonly displayName: string;
  readonly migration?: DialectMigration;
  /** Said once in the plan. */
  readonly planNotes?: readonly string[];
}

export interface PlanOptions {
  readonly dialect: PlanDialect;
  readonly from: { readonly schema: Schema; readonly side: PlanSide };
  readonly to: { readonly schema: Schema; readonly side: PlanSide };
  /** Rows per backfill batch (default 10,000). */
  readonly batchRows?: number;
}

/** A step that blocks the application for longer than this is high risk (one second: beyond it, requests time out and queue). */
const BLOCKING_BUDGET_SECONDS = 1;

/** Changes already made by another change's statements: the indexes, keys and policies of a table created or dropped whole. */
function folded(changes: readonly Change[]): Set<number> {
  const added = new Set(changes.flatMap((c) => (c.kind === 'add-table' ? [tableKey(c.table)] : [])));
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'drop-table' ? [tableKey(c.table)] : [])));
  const out = new Set<number>();
  changes.forEach((c, i) => {
    const table = 'table' in c && typeof c.table === 'string' ? c.table : c.kind === 'add-index' || c.kind === 'drop-index' ? c.index.table : undefined;
    if (table === undefined) return;
    if (c.kind.startsWith('add-') || c.kind === 'alter-row-security' ? added.has(table) : c.kind.startsWith('drop-') && dropped.has(table)) out.add(i);
  });
  return out;
}

const WORK_ORDER: readonly TableWork[] = ['metadata', 'scan', 'rewrite'];

function workOf(step: LockedStep): TableWork | 'backfill' {
  if (step.batch) return 'backfill';
  if (step.lighterWork) return step.lighterWork.work;
  return step.locks.reduce<TableWork>((w, l) => (WORK_ORDER.indexOf(l.work) > WORK_ORDER.indexOf(w) ? l.work : w), 'metadata');
}

function hazardsOf(step: LockedStep, work: TableWork | 'backfill'): Hazard[] {
  const hazards = new Set<Hazard>(step.hazards);
  for (const lock of step.locks) {
    if (lock.blocks === 'reads and writes') hazards.add('blocks-reads');
    if (lock.blocks === 'reads and writes' || lock.blocks === 'writes') hazards.add('blocks-writes');
  }
  if (work === 'rewrite' || work === 'scan') hazards.add(work);
  if (step.dataLoss) hazards.add('data-loss');
  return [...hazards].sort();
}

function riskOf(hazards: readonly Hazard[], work: TableWork | 'backfill', seconds: number | null): PlanStep['risk'] {
  const blocking = hazards.includes('blocks-reads') || hazards.includes('blocks-writes');
  const heavy = work === 'rewrite' || work === 'scan';
  if (hazards.includes('data-loss')) return 'high';
  if (blocking && heavy && (seconds === null || seconds > BLOCKING_BUDGET_SECONDS)) return 'high';
  if ((blocking && heavy) || hazards.includes('correctness') || hazards.includes('application-change') || (seconds ?? 0) > 60) return 'medium';
  return 'low';
}

/**
 * The changes as ordered steps in expand → migrate → contract: each change's statements come from
 * the dialect (its safe forms); here they are ordered, their locks and work read, their duration
 * estimated from the table sizes on the `from` side, and their risk weighed.
 */
export function planMigration(diff: SchemaDiff, options: PlanOptions): MigrationPlan {
  const migration = options.dialect.migration;
  if (!migration) throw new Error(`the ${options.dialect.displayName} dialect cannot plan migrations yet`);
  const tableRenames = new Map(diff.changes.flatMap((c) => (c.kind === 'rename-table' ? [[c.to, c.from] as const] : [])));
  const context: MigrationContext = { from: options.from.schema, to: options.to.schema, batchRows: options.batchRows ?? 10_000, tableRenames };
  const skip = folded(diff.changes);
  const rank = dependencyRank(diff.changes);
  const drafts = diff.changes.flatMap((change, index) =>
    skip.has(index) ? [] : migration.stepsFor(change, context).map((step, n) => ({ step, index, n, priority: priorityOf(change), rank: rank.get(index) ?? 0 })),
  );
  drafts.sort(
    (a, b) =>
      MIGRATION_PHASES.indexOf(a.step.phase) - MIGRATION_PHASES.indexOf(b.step.phase) ||
      a.priority - b.priority ||
      a.rank - b.rank ||
      a.index - b.index ||
      a.n - b.n,
  );
  const sizes = tableSizes(options.from.schema);
  const sizeOf = (table: string | undefined): TableSize | undefined => (table === undefined ? undefined : sizes.get(tableRenames.get(table) ?? table));
  const steps = drafts.map(({ step, index }, position): PlanStep => {
    const work = workOf(step);
    const buildsIndex = step.hazards.includes('index-build');
    const estimate = estimateStep(work, buildsIndex, sizeOf(step.table));
    const hazards = hazardsOf(step, work);
    return {
      id: String(position + 1).padStart(2, '0'),
      phase: step.phase,
      title: step.title,
      ...(step.table !== undefined ? { table: step.table } : {}),
      sql: step.sql,
      transactional: step.transactional,
      ...(step.batch ? { batch: step.batch } : {}),
      reverse: step.reverse,
      locks: step.locks,
      work,
      estimate,
      risk: riskOf(hazards, work, estimate?.seconds ?? null),
      hazards,
      ...(step.dataLoss !== undefined ? { dataLoss: step.dataLoss } : {}),
      ...(step.note !== undefined ? { note: step.note } : {}),
      ...(step.lighterWork ? { note: [step.note, step.lighterWork.because].filter(Boolean).join('; ') } : {}),
      changes: [index],
    };
  });
  return {
    format: 'dbarchitect-migration-plan',
    version: 1,
    dialect: options.dialect.name,
    from: options.from.side,
    to: options.to.side,
    changes: diff.changes,
    renameCandidates: diff.renameCandidates,
    steps,
    dataLoss: steps.some((s) => s.dataLoss !== undefined),
    ...(options.dialect.planNotes?.length ? { notes: options.dialect.planNotes } : {}),
  };
}
