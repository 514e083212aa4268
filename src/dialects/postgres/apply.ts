import type { Node } from 'libpg-query';
import { loadPgParser, parsePg } from '../../sql/pg-parser.js';
import type { ApplyDialect, InvalidIndex, StepProgress } from '../apply.js';
import { quotePgIdentifier } from './quote.js';

/** Step ids come from the plan file: quoted as literals (standard_conforming_strings, on since PostgreSQL 9.1). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The schema `apply` keeps its progress in: the tool's own, which introspection leaves out. */
export const APPLY_SCHEMA = 'dbarchitect';
const TABLE = `${APPLY_SCHEMA}.apply_progress`;

/** The session's search_path set to the schemas it resolves to at this moment (existing ones only). */
export const PIN_SEARCH_PATH =
  "SELECT set_config('search_path', coalesce((SELECT string_agg(quote_ident(s), ', ') FROM unnest(current_schemas(false)) AS s), ''), false)";

/** The one statement of a batch, or undefined when the text holds another number of statements. */
function single(sql: string): Node | undefined {
  const parsed = parsePg(sql);
  const statements = parsed.ok ? (parsed.result.stmts ?? []) : [];
  return statements.length === 1 ? statements[0]!.stmt : undefined;
}

const withoutSemicolon = (sql: string) => sql.trim().replace(/;\s*$/, '');

interface IndexBuild {
  readonly name: string | undefined;
  readonly table: string;
}

function concurrentIndexBuild(sql: string): IndexBuild | undefined {
  const statement = single(sql);
  if (!statement || !('IndexStmt' in statement) || !statement.IndexStmt.concurrent) return undefined;
  const { idxname, relation } = statement.IndexStmt;
  const quote = quotePgIdentifier;
  const schema = relation?.schemaname;
  return {
    name: idxname
      ? [schema, idxname]
          .filter(Boolean)
          .map((n) => quote(n!))
          .join('.')
      : undefined,
    table: [schema, relation?.relname]
      .filter(Boolean)
      .map((n) => quote(n!))
      .join('.'),
  };
}

export const postgresApply: ApplyDialect = {
  dialect: 'postgres',
  engineKinds: ['postgres', 'pglite'],
  displayName: 'PostgreSQL',
  prepare: loadPgParser,
  begin: 'BEGIN',
  commit: 'COMMIT',
  setup: [
    // The plan's names are unqualified, resolved by the user's search_path. Its default "$user"
    // entry skips a missing schema, so a role named dbarchitect would resolve into the progress
    // schema once it exists: pin the path as it resolves now, before creating it.
    PIN_SEARCH_PATH,
    `CREATE SCHEMA IF NOT EXISTS ${APPLY_SCHEMA}`,
    `CREATE TABLE IF NOT EXISTS ${TABLE} (plan_hash text NOT NULL, step_id text NOT NULL, state text NOT NULL CHECK (state IN ('running', 'done')), statements_done integer NOT NULL DEFAULT 0, batches integer NOT NULL DEFAULT 0, rows_changed bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (plan_hash, step_id))`,
  ],
  async readProgress(db, planHash) {
    const [present] = await db.query<{ present: boolean }>(`SELECT to_regclass('${TABLE}') IS NOT NULL AS present`);
    if (!present?.present) return [];
    const rows = await db.query<{ step_id: string; state: string; statements_done: number; batches: number; rows_changed: string | number }>(
      `SELECT step_id, state, statements_done, batches, rows_changed FROM ${TABLE} WHERE plan_hash = $1 ORDER BY step_id`,
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
    return `INSERT INTO ${TABLE} (plan_hash, step_id, state, statements_done) VALUES (${literal(planHash)}, ${literal(stepId)}, ${literal(state)}, ${statementsDone}) ON CONFLICT (plan_hash, step_id) DO UPDATE SET state = excluded.state, statements_done = excluded.statements_done, updated_at = now()`;
  },
  batchRun(planHash, stepId, statementsDone, batchSql) {
    // A data-modifying CTE: the batch and its progress commit together, and the count comes back.
    return [
      `WITH batch AS (${withoutSemicolon(batchSql)} RETURNING 1),`,
      'changed AS (SELECT count(*) AS n FROM batch),',
      `recorded AS (INSERT INTO ${TABLE} AS p (plan_hash, step_id, state, statements_done, batches, rows_changed)`,
      `SELECT ${literal(planHash)}, ${literal(stepId)}, CASE WHEN n = 0 THEN 'done' ELSE 'running' END, ${statementsDone}, CASE WHEN n = 0 THEN 0 ELSE 1 END, n FROM changed`,
      'ON CONFLICT (plan_hash, step_id) DO UPDATE SET state = excluded.state, batches = p.batches + excluded.batches, rows_changed = p.rows_changed + excluded.rows_changed, updated_at = now())',
      'SELECT n AS rows FROM changed',
    ].join('\n');
  },
  batchProblem(batchSql) {
    const statement = single(batchSql);
    if (!statement) return 'expected exactly one SQL statement (an UPDATE, DELETE or INSERT that changes at most rowsPerBatch rows)';
    const dml =
      'UpdateStmt' in statement
        ? statement.UpdateStmt
        : 'DeleteStmt' in statement
          ? statement.DeleteStmt
          : 'InsertStmt' in statement
            ? statement.InsertStmt
            : undefined;
    if (!dml) return 'expected an UPDATE, DELETE or INSERT statement: a batch is counted by the rows it changes';
    if (dml.returningClause || (dml as { returningList?: unknown[] }).returningList?.length)
      return 'remove its RETURNING clause: apply adds its own to count the rows each run changes';
    return undefined;
  },
  isLockTimeout: (message) => /canceling statement due to lock timeout|could not obtain lock/i.test(message),
  buildsIndexConcurrently: (sql) => concurrentIndexBuild(sql) !== undefined,
  async invalidIndexesOf(db, sql): Promise<InvalidIndex[]> {
    const build = concurrentIndexBuild(sql);
    if (!build) return [];
    const rows = await db.query<{ name: string }>(
      `SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE NOT i.indisvalid AND i.indrelid = to_regclass($1) AND ($2::text IS NULL OR c.oid = to_regclass($2)) ORDER BY 1`,
      [build.table, build.name ?? null],
    );
    return rows.map((r) => ({ name: r.name, drop: `DROP INDEX CONCURRENTLY IF EXISTS ${r.name}` }));
  },
};
