import type { ScriptStep } from '../../migration.js';

/**
 * A plan as one script for the `mysql` or `mariadb` client, in run order. Each step first bounds
 * its waits: lock_wait_timeout (seconds, both servers) for the metadata lock every ALTER takes,
 * and on MariaDB max_statement_time (MySQL's max_execution_time bounds only SELECTs, so a MySQL
 * ALTER runs to its end); the MariaDB part sits in a `/*M! … *\/` comment, which only MariaDB runs.
 * MySQL commits each DDL statement, so there is no transaction around a step. A backfill is its
 * statement with the note to run it until it changes no row: the client has no loop outside a
 * stored procedure. Empty for no steps.
 */
export function mysqlMigrationScript(steps: readonly ScriptStep[], timeouts: { readonly lockMs: number; readonly statementMs: number }): string {
  if (steps.length === 0) return '';
  const lockSeconds = Math.max(1, Math.ceil(timeouts.lockMs / 1000));
  const bound = `SET SESSION lock_wait_timeout = ${lockSeconds} /*M!, max_statement_time = ${Math.max(0.001, timeouts.statementMs / 1000)} */;`;
  return `${steps
    .map((step) => {
      const header = `-- ${step.id} ${step.phase}: ${step.title}${step.dataLoss ? `\n-- LOSES DATA: ${step.dataLoss}` : ''}`;
      const batch = step.batch ? [`-- run until it changes no row (each run is its own short transaction):`, `${step.batch.sql};`] : [];
      return [header, bound, ...step.sql.map((s) => `${s};`), ...batch].join('\n');
    })
    .join('\n\n')}\n`;
}
