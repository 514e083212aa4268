import { createHash } from 'node:crypto';
import type { RunnablePlan } from './read-plan.js';

/**
 * The key a plan's progress is kept under: a hash of what its steps run (ids, statements, batches),
 * not of their titles or estimates. A re-run of the same plan finds its progress; another plan on
 * the same database (or this one planned again differently) starts from its first step.
 */
export function planHash(plan: RunnablePlan): string {
  const runs = plan.steps.map((s) => ({
    id: s.id,
    sql: s.sql,
    transactional: s.transactional,
    batch: s.batch ? { sql: s.batch.sql, rowsPerBatch: s.batch.rowsPerBatch } : null,
  }));
  return createHash('sha256')
    .update(JSON.stringify({ dialect: plan.dialect, steps: runs }))
    .digest('hex');
}
