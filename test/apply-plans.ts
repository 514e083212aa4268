import { readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { readPlan, type RunnablePlan } from '../src/apply/read-plan.js';
import type { SqlSession } from '../src/dialects/session.js';
import type { Engine } from '../src/engines/engine.js';

/** The plans the apply tests run: hand-written plan.json files in the planner's safe forms. */
export const ORDERS_PLAN_FILE = 'test/fixtures/plans/orders-expand-contract.json';
export const CUSTOMERS_PLAN_FILE = 'test/fixtures/plans/customers-unique-email.json';

export function loadPlan(file: string): RunnablePlan {
  const read = readPlan(file, readFileSync(file, 'utf8'));
  if (!read.ok) throw new Error(read.diagnostics.map((d) => d.message).join('\n'));
  return read.plan;
}

/** The table the orders plan starts from, with `rows` rows (every tenth customer's note set). */
export async function createOrders(db: SqlSession, rows: number): Promise<void> {
  await db.exec(readFileSync('test/fixtures/plans/orders-before.sql', 'utf8'));
  await db.exec(
    `INSERT INTO orders (customer_id, amount_cents, legacy_note) SELECT g % 500, g % 10000, CASE WHEN g % 10 = 0 THEN 'note ' || g END FROM generate_series(1, ${rows}) g`,
  );
}

/** Progress is kept database-wide (schema dbarchitect): a test that applies removes it when it ends. */
export function dropProgressAfter(t: TestContext, db: Engine): void {
  t.after(() => db.exec('DROP SCHEMA IF EXISTS dbarchitect CASCADE'));
}

/** A session that records every call before passing it on: what a dry run sends, and that it writes nothing. */
export function recording(db: SqlSession): SqlSession & { readonly calls: { readonly method: 'exec' | 'query'; readonly sql: string }[] } {
  const calls: { method: 'exec' | 'query'; sql: string }[] = [];
  return {
    kind: db.kind,
    calls,
    exec: (sql) => (calls.push({ method: 'exec', sql }), db.exec(sql)),
    query: <T>(sql: string, params?: readonly unknown[]) => (calls.push({ method: 'query', sql }), db.query<T>(sql, params)),
  };
}
