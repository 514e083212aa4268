import type { Schema } from '../../../model/schema.js';
import type { SqlSession } from '../../../dialects/session.js';
import { readStatement } from './read-statement.js';
import type { SkippedStatement, Workload, WorkloadQuery } from './workload.js';

/** One row of pg_stat_statements, as read. */
export interface StatStatementRow {
  readonly queryid: string;
  readonly query: string;
  readonly calls: number;
  readonly totalMs: number;
}

/** The statements that took the most time are the workload; past this many the rest is noise to an advisor. */
export const MAX_STATEMENTS = 200;

/**
 * Top-level statements of the current database (PostgreSQL 14+: `toplevel`, `total_exec_time`).
 * Constants are already `$n` in its normalized texts, so every one is planned generically.
 */
const STAT_STATEMENTS_SQL = `SELECT queryid::text AS queryid, query, calls::float8 AS calls, total_exec_time::float8 AS total_ms
  FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel
  ORDER BY total_exec_time DESC, queryid
  LIMIT ${MAX_STATEMENTS * 5}`;

const NOT_INSTALLED =
  "pg_stat_statements is not installed in this database: add it to shared_preload_libraries, restart, and run CREATE EXTENSION pg_stat_statements (PostgreSQL's contrib package)";

/** pg_stat_statements cannot be read on this database; the message says how to fix it. */
export class StatStatementsUnavailable extends Error {}

/** Reads pg_stat_statements on the session (read-only) and turns it into the workload. */
export async function workloadFromStatStatements(db: SqlSession, schema: Schema): Promise<Workload> {
  const installed = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_stat_statements'`);
  if ((installed[0]?.n ?? 0) === 0) throw new StatStatementsUnavailable(NOT_INSTALLED);
  let rows: { queryid: string; query: string; calls: number; total_ms: number }[];
  try {
    rows = await db.query(STAT_STATEMENTS_SQL);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/shared_preload_libraries/.test(message))
      throw new StatStatementsUnavailable('pg_stat_statements is installed but not loaded: add it to shared_preload_libraries and restart the server');
    throw error;
  }
  return workloadFromStatRows(
    rows.map((r) => ({ queryid: String(r.queryid), query: String(r.query), calls: Number(r.calls), totalMs: Number(r.total_ms) })),
    schema,
  );
}

/**
 * The rows as a workload: statements of the same text (run by several users, or under several
 * search paths) are one query with their calls added; the weight is the calls. Statements that
 * are not queries or writes on the schema's tables (utility statements, catalog reads, texts
 * hidden by privileges) are listed as skipped.
 */
export function workloadFromStatRows(rows: readonly StatStatementRow[], schema: Schema): Workload {
  const byText = new Map<string, { rows: StatStatementRow[] }>();
  for (const row of rows) {
    const text = row.query.trim().replace(/;\s*$/, '');
    const entry = byText.get(text) ?? { rows: [] };
    entry.rows.push(row);
    byText.set(text, entry);
  }
  const queries: WorkloadQuery[] = [];
  const skipped: SkippedStatement[] = [];
  const ordered = [...byText].sort(([ta, a], [tb, b]) => total(b.rows) - total(a.rows) || (ta < tb ? -1 : ta > tb ? 1 : 0));
  for (const [text, entry] of ordered) {
    const queryids = entry.rows.map((r) => r.queryid).sort();
    const at = `pg_stat_statements queryid ${queryids.join(', ')}`;
    const reading = readStatement(text, schema);
    if (!reading.ok) {
      skipped.push({ at, text, reason: reading.message });
      continue;
    }
    if (queries.length >= MAX_STATEMENTS) {
      skipped.push({ at, text, reason: `past the ${MAX_STATEMENTS} statements that took the most time` });
      continue;
    }
    const calls = entry.rows.reduce((s, r) => s + r.calls, 0);
    const totalMs = total(entry.rows);
    if (calls <= 0) {
      skipped.push({ at, text, reason: 'never called since the statistics were reset' });
      continue;
    }
    queries.push({
      id: `s${queries.length + 1}`,
      sql: text,
      parameters: reading.parameters,
      weight: calls,
      shape: reading.shape,
      ...(reading.write ? { write: reading.write } : {}),
      origin: { kind: 'pg_stat_statements', queryids, calls, totalMs, meanMs: totalMs / calls },
    });
  }
  return { queries, weightUnit: 'calls', source: 'pg_stat_statements', skipped };
}

const total = (rows: readonly StatStatementRow[]) => rows.reduce((s, r) => s + r.totalMs, 0);
