import type { Rule } from '../../diagnostics/rule.js';
import type { DesignPattern, DesignContext } from './context.js';

/**
 * The reads that fold a table over all of its history: selects of it with an aggregate and no range
 * on it. On an append-only table (an event log) they are what a running snapshot serves; the
 * modeling analysis reads the same list to decide the snapshot.
 */
export function foldingReads<P extends DesignPattern>(table: string, workload: readonly P[]): P[] {
  return workload.filter(
    (w) =>
      w.shape.kind === 'select' &&
      w.shape.tables.some((t) => t.table === table) &&
      w.shape.aggregates.length > 0 &&
      !w.shape.predicates.some((p) => p.table === table && p.op === 'range'),
  );
}

const days = (seconds: number) => Math.round(seconds / 86_400);

export const foldOverExpiringEvents: Rule<DesignContext> = {
  meta: {
    set: 'design',
    name: 'fold-over-expiring-events',
    code: 'design/fold-over-expiring-events',
    severity: 'warning',
    summary: 'An access pattern sums all the events of an append-only table whose rows expire after a retention period.',
    why: 'Once retention drops the oldest events, a sum over the events that remain is no longer the total (a stock level, a balance): the result is wrong, not only slow, and it drifts further with every expired partition.',
    help: 'Read a snapshot that the writes keep (the design builds `<table>_snapshot` where it can), or remove the retention from the events.',
  },
  check: ({ schema, workload }) =>
    schema.tables.flatMap((table) => {
      const retention = table.volume?.appendOnly ? table.volume.retentionSeconds : undefined;
      const folds = retention === undefined ? [] : foldingReads(table.name, workload);
      if (retention === undefined || folds.length === 0) return [];
      return [
        {
          message: `${folds.map((w) => w.name).join(', ')} sum ${table.name}, whose rows expire after ${days(retention)} days: the result becomes wrong once old events are dropped`,
          help: `keep a snapshot (${table.name}_snapshot) and read it instead, or remove the retention`,
        },
      ];
    }),
};
