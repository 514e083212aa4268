import type { SqlSession } from '../../../dialects/session.js';
import type { WorkloadQuery } from '../workload/workload.js';
import { planCostOf, type PlanCost } from './plan-cost.js';

/**
 * Planner settings pinned for every what-if call, so the same query and indexes cost the same on
 * every run: no parallel plans (their cost depends on the workers free), no JIT, and generic plans
 * for prepared statements.
 */
export const PINNED_SETTINGS = ['SET max_parallel_workers_per_gather = 0', 'SET jit = off', 'SET plan_cache_mode = force_generic_plan'];

let statementNumber = 0;

/**
 * The plan of one query. A query with `$n` parameters is prepared and its generic plan explained
 * with NULL arguments (`force_generic_plan` makes the plan independent of them), which works on
 * PostgreSQL 15 as well as on 16+ (where EXPLAIN (GENERIC_PLAN) does the same); a query with
 * literals is explained as written. EXPLAIN without ANALYZE runs nothing, writes included.
 */
export async function explainQuery(db: SqlSession, query: Pick<WorkloadQuery, 'sql' | 'parameters'>): Promise<PlanCost> {
  if (query.parameters === 0) return planCostOf(await db.query(`EXPLAIN (FORMAT JSON) ${query.sql}`));
  const name = `dbarchitect_advise_${++statementNumber}`;
  // Set here too, not only among the pinned settings: with a custom plan the NULL arguments would fold
  // `col = $1` to false, and the plan would cost nothing.
  await db.exec(`SET plan_cache_mode = force_generic_plan; PREPARE ${name} AS ${query.sql}`);
  try {
    const args = Array.from({ length: query.parameters }, () => 'NULL').join(', ');
    return planCostOf(await db.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(${args})`));
  } finally {
    await db.exec(`DEALLOCATE ${name}`);
  }
}

/** The planner's cost constants of the session, for the write-maintenance model in the same units. */
export interface CostConstants {
  readonly randomPageCost: number;
  readonly cpuOperatorCost: number;
  readonly cpuIndexTupleCost: number;
}

export async function readCostConstants(db: SqlSession): Promise<CostConstants> {
  const rows = await db.query<{ r: number; o: number; i: number }>(
    `SELECT current_setting('random_page_cost')::float8 AS r, current_setting('cpu_operator_cost')::float8 AS o, current_setting('cpu_index_tuple_cost')::float8 AS i`,
  );
  const row = rows[0]!;
  return { randomPageCost: Number(row.r), cpuOperatorCost: Number(row.o), cpuIndexTupleCost: Number(row.i) };
}
