import type { ScriptStep } from '../../migration.js';

/**
 * A plan as one script for psql, in run order: each transactional step in its own transaction with
 * its timeouts, each CONCURRENTLY statement alone, each backfill as a DO loop that commits after
 * every batch (PostgreSQL 11+ lets a DO block run outside a transaction COMMIT). Empty for no steps.
 */
export function postgresMigrationScript(steps: readonly ScriptStep[], timeouts: { readonly lockMs: number; readonly statementMs: number }): string {
  if (steps.length === 0) return '';
  return `${steps.map((s) => stepSql(s, timeouts)).join('\n\n')}\n`;
}

function stepSql(step: ScriptStep, { lockMs, statementMs }: { readonly lockMs: number; readonly statementMs: number }): string {
  const header = `-- ${step.id} ${step.phase}: ${step.title}${step.dataLoss ? `\n-- LOSES DATA: ${step.dataLoss}` : ''}`;
  const statements = step.sql.map((s) => `${s};`);
  const lock = `lock_timeout = ${Math.trunc(lockMs)}`;
  const statement = `statement_timeout = ${Math.trunc(statementMs)}`;
  if (step.batch) {
    const loop = [
      'DO $batch$',
      'DECLARE changed bigint;',
      'BEGIN',
      '  LOOP',
      `    ${step.batch.sql};`,
      '    GET DIAGNOSTICS changed = ROW_COUNT;',
      '    EXIT WHEN changed = 0;',
      '    COMMIT;',
      '  END LOOP;',
      'END $batch$;',
    ].join('\n');
    // The loop as a whole may run long; each batch is its own short transaction.
    return [header, `SET ${lock};`, 'SET statement_timeout = 0;', loop].join('\n');
  }
  if (!step.transactional) return [header, `SET ${lock};`, `SET ${statement};`, ...statements].join('\n');
  return [header, 'BEGIN;', `SET LOCAL ${lock};`, `SET LOCAL ${statement};`, ...statements, 'COMMIT;'].join('\n');
}
