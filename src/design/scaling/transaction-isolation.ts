import type { QueryShape } from '../../sql/query-shape.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { isWriteShape, type WriteShape } from '../workload/plan-load.js';
import type { WriteIsolation } from '../../model/parts/scaling.js';

/**
 * rule:isolation-from-read-then-write. Each write runs at READ COMMITTED unless a read that needs the
 * latest data could be the basis of the write:
 * - an aggregate over the written table, filtered by columns the write pins (stock = sum(delta) per
 *   product, then insert a movement): two transactions can both read the old total and both write —
 *   write skew, which only SERIALIZABLE (or a lock on a parent row) prevents;
 * - a read of the very rows an UPDATE changes, returning columns it sets: a lost update, which
 *   REPEATABLE READ turns into a serialization error (40001) to retry.
 * The spec lists patterns, not transactions, so the pairing is an assumption the report states.
 */
export function isolationPerWrite(spec: Spec, workload: readonly WorkloadPattern[]): WriteIsolation[] {
  const eventual = spec.requirements.consistency === 'eventual';
  const stale = new Set(spec.accessPatterns.filter((p) => p.staleness).map((p) => p.name));
  // A read that tolerates staleness cannot be what a write decides on.
  const strongReads = workload.filter((p) => p.shape.kind === 'select' && !stale.has(p.name) && !eventual);
  return workload.flatMap((write): WriteIsolation[] => {
    const shape = write.shape;
    if (!isWriteShape(shape)) return [];
    const pinned = pinnedColumns(shape);
    const aggregates = strongReads.filter(
      (r) => r.shape.aggregates.length > 0 && readsTable(r.shape, shape.writesTable) && subset(equalityColumns(r.shape, shape.writesTable), pinned),
    );
    if (aggregates.length)
      return [
        {
          pattern: write.name,
          level: 'SERIALIZABLE',
          readsBefore: aggregates.map((r) => r.name),
          reason: `if the application decides this write from ${names(aggregates)} (an aggregate over \`${shape.writesTable}\` by ${equalityColumns(aggregates[0]!.shape, shape.writesTable).join(', ') || 'all rows'}), two concurrent transactions can both read the old total and both write (write skew): run read and write in one SERIALIZABLE transaction and retry on SQLSTATE 40001 — or lock the parent row with SELECT … FOR UPDATE at READ COMMITTED`,
        },
      ];
    const updated = shape.kind === 'update' ? shape.setColumns : [];
    const rereads = strongReads.filter(
      (r) =>
        updated.length > 0 &&
        r.shape.aggregates.length === 0 &&
        readsTable(r.shape, shape.writesTable) &&
        subset(pinned, equalityColumns(r.shape, shape.writesTable)) &&
        returnsAny(r.shape, shape.writesTable, updated),
    );
    if (rereads.length)
      return [
        {
          pattern: write.name,
          level: 'REPEATABLE READ',
          readsBefore: rereads.map((r) => r.name),
          reason: `if the application reads ${updated.join(', ')} with ${names(rereads)} and writes back a value computed from it, a concurrent update is lost at READ COMMITTED: REPEATABLE READ raises 40001 instead (retry), or write \`SET x = x + :delta\` / compare-and-set in one statement`,
        },
      ];
    return [{ pattern: write.name, level: 'READ COMMITTED', readsBefore: [], reason: readCommittedReason(shape) }];
  });
}

function readCommittedReason(shape: WriteShape): string {
  if (shape.kind === 'insert')
    return shape.source === 'select'
      ? 'one INSERT … SELECT reads one snapshot and writes atomically; no earlier read in the workload decides it'
      : 'a single-row insert is atomic on its own and no strong read in the workload decides it: constraints (unique, foreign keys) guard its invariants';
  return `a single ${shape.kind.toUpperCase()} re-checks its WHERE clause on the newest row version before changing it (PostgreSQL's EvalPlanQual), so read-modify-write inside one statement is safe; no separate read in the workload decides it`;
}

/** Columns a write pins to one value: those an INSERT sets, those an UPDATE/DELETE filters by equality. */
function pinnedColumns(shape: WriteShape): string[] {
  if (shape.kind === 'insert') return [...shape.setColumns];
  return equalityColumns(shape, shape.writesTable);
}

function equalityColumns(shape: QueryShape, table: string): string[] {
  const columns = shape.predicates
    .filter((p) => p.table === table && p.op === 'eq' && !p.inOr && !p.negated && (p.value.kind === 'param' || p.value.kind === 'constant'))
    .map((p) => p.column);
  return [...new Set(columns)];
}

const readsTable = (shape: QueryShape, table: string) => shape.tables.some((t) => t.table === table);
const subset = (a: readonly string[], b: readonly string[]) => a.length > 0 && a.every((c) => b.includes(c));
const returnsAny = (shape: QueryShape, table: string, columns: readonly string[]) =>
  shape.projected.some(
    (p) => (p.star && (p.table === undefined || p.table === table)) || (p.table === table && p.column !== undefined && columns.includes(p.column)),
  );
const names = (patterns: readonly WorkloadPattern[]) => patterns.map((p) => p.name).join(', ');
