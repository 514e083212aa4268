import type { ScriptStep } from '../../migration.js';

/**
 * A plan as one script for the mysql or mariadb client, in run order. Each step sets the lock wait
 * (lock_wait_timeout: metadata locks, whole seconds) and, on MariaDB only (the `/*M!` comment is
 * run by MariaDB and skipped by MySQL), max_statement_time; MySQL bounds no DDL statement
 * (max_execution_time is for SELECT). No BEGIN: every DDL statement commits on its own. A backfill
 * is one statement to run again until it reports 0 rows affected (`apply` does this itself).
 */
export function mysqlMigrationScript(steps: readonly ScriptStep[], timeouts: { readonly lockMs: number; readonly statementMs: number }): string {
  if (steps.length === 0) return '';
  return `${steps.map((s) => stepSql(s, timeouts)).join('\n\n')}\n`;
}

export const mysqlTimeouts = (statementMs: number, lockMs: number): string => {
  const lock = Math.max(1, Math.ceil(lockMs / 1000));
  return `SET SESSION lock_wait_timeout = ${lock}, innodb_lock_wait_timeout = ${lock} /*M!100108 , max_statement_time = ${Math.max(0.001, statementMs / 1000)} */`;
};

function stepSql(step: ScriptStep, { lockMs, statementMs }: { readonly lockMs: number; readonly statementMs: number }): string {
  const header = `-- ${step.id} ${step.phase}: ${step.title}${step.dataLoss ? `\n-- LOSES DATA: ${step.dataLoss}` : ''}`;
  const lines = [header, `${mysqlTimeouts(statementMs, lockMs)};`, ...step.sql.map((s) => `${s};`)];
  if (step.batch) lines.push(`-- run again until it reports 0 rows affected (each run is its own short transaction):`, `${step.batch.sql};`);
  return lines.join('\n');
}
