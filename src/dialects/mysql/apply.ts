import type { ApplyDialect, InvalidIndex, StepProgress } from '../apply.js';
import { quoteMysqlLiteral } from './quote.js';

/** In the database the plan runs in: MySQL's schemas are databases, and a new one would need rights the user may lack. */
export const PROGRESS_TABLE = 'dbarchitect_apply_progress';

const withoutSemicolon = (sql: string) => sql.trim().replace(/;\s*$/, '');

/** True when the text holds a semicolon outside quotes and comments: more than one statement. */
function severalStatements(sql: string): boolean {
  const bare = withoutSemicolon(sql).replace(/'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//g, '');
  return bare.includes(';');
}

/**
 * Running a plan on MySQL or MariaDB. DDL commits on its own there, so the plan's steps run one
 * statement at a time with their progress recorded after each (none is `transactional`), and a
 * re-run resumes after the last statement done. A backfill run is one transaction that changes at
 * most its batch of rows and records its count (ROW_COUNT()) beside them, then returns it.
 */
export const mysqlApply: ApplyDialect = {
  dialect: 'mysql',
  engineKinds: ['mysql', 'mariadb'],
  displayName: 'MySQL/MariaDB',
  prepare: async () => undefined,
  begin: 'START TRANSACTION',
  commit: 'COMMIT',
  setup: [
    `CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE} (plan_hash varchar(64) NOT NULL, step_id varchar(32) NOT NULL, state varchar(8) NOT NULL, statements_done int NOT NULL DEFAULT 0, batches int NOT NULL DEFAULT 0, rows_changed bigint NOT NULL DEFAULT 0, updated_at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (plan_hash, step_id), CONSTRAINT ${PROGRESS_TABLE}_state CHECK (state IN ('running', 'done'))) ENGINE=InnoDB`,
  ],
  async readProgress(db, planHash) {
    const [present] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [
      PROGRESS_TABLE,
    ]);
    if (!Number(present?.n)) return [];
    const rows = await db.query<{ step_id: string; state: string; statements_done: number; batches: number; rows_changed: string | number }>(
      `SELECT step_id, state, statements_done, batches, rows_changed FROM ${PROGRESS_TABLE} WHERE plan_hash = ? ORDER BY step_id`,
      [planHash],
    );
    return rows.map(
      (r): StepProgress => ({
        stepId: r.step_id,
        state: r.state === 'done' ? 'done' : 'running',
        statementsDone: Number(r.statements_done),
        batches: Number(r.batches),
        rows: Number(r.rows_changed),
      }),
    );
  },
  recordStep(planHash, stepId, state, statementsDone) {
    return `INSERT INTO ${PROGRESS_TABLE} (plan_hash, step_id, state, statements_done) VALUES (${quoteMysqlLiteral(planHash)}, ${quoteMysqlLiteral(stepId)}, ${quoteMysqlLiteral(state)}, ${statementsDone}) ON DUPLICATE KEY UPDATE state = VALUES(state), statements_done = VALUES(statements_done), updated_at = CURRENT_TIMESTAMP(3)`;
  },
  batchRun(planHash, stepId, statementsDone, batchSql) {
    // One round trip, one transaction: the batch, its count recorded beside it, then the count as the last result.
    const [hash, step] = [quoteMysqlLiteral(planHash), quoteMysqlLiteral(stepId)];
    return [
      'START TRANSACTION',
      withoutSemicolon(batchSql),
      'SET @dbarchitect_rows = ROW_COUNT()',
      `INSERT INTO ${PROGRESS_TABLE} (plan_hash, step_id, state, statements_done, batches, rows_changed) VALUES (${hash}, ${step}, IF(@dbarchitect_rows = 0, 'done', 'running'), ${statementsDone}, IF(@dbarchitect_rows = 0, 0, 1), @dbarchitect_rows) ON DUPLICATE KEY UPDATE state = VALUES(state), batches = batches + VALUES(batches), rows_changed = rows_changed + VALUES(rows_changed), updated_at = CURRENT_TIMESTAMP(3)`,
      'COMMIT',
      'SELECT @dbarchitect_rows AS `rows`',
    ].join(';\n');
  },
  batchProblem(batchSql) {
    if (severalStatements(batchSql)) return 'expected exactly one SQL statement (an UPDATE, DELETE or INSERT that changes at most rowsPerBatch rows)';
    if (!/^\s*(UPDATE|DELETE|INSERT)\b/i.test(batchSql)) return 'expected an UPDATE, DELETE or INSERT statement: a batch is counted by the rows it changes';
    return undefined;
  },
  // ER_LOCK_WAIT_TIMEOUT (1205) covers metadata and row lock waits alike; MariaDB's max_statement_time is 1969 and is not a lock wait.
  isLockTimeout: (message) => /Lock wait timeout exceeded/i.test(message),
  // An online index build that fails leaves nothing behind on InnoDB: there is no invalid index to remove.
  buildsIndexConcurrently: () => false,
  invalidIndexesOf: async (): Promise<InvalidIndex[]> => [],
};
