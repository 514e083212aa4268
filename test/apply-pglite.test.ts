import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPlan, type ApplyEvent } from '../src/apply/run-plan.js';
import { planHash } from '../src/apply/plan-hash.js';
import { introspectorFor } from '../src/dialects/registry.js';
import type { Engine } from '../src/engines/engine.js';
import { CUSTOMERS_PLAN_FILE, createOrders, dropProgressAfter, loadPlan, ORDERS_PLAN_FILE, recording } from './apply-plans.js';
import { freshSchema, sharedEngine } from './engines.js';

const db = sharedEngine();
const orders = loadPlan(ORDERS_PLAN_FILE);
const FAST_RETRY = { tries: 3, backoffMs: 10 };

async function tableIn(engine: Engine, schema: string, name: string) {
  const read = await introspectorFor('postgres')!.introspect(engine, { namespaces: [schema] });
  return read.schema.tables.find((t) => t.name === name)!;
}

const ordersTable = (engine: Engine, schema: string) => tableIn(engine, schema, 'orders');

/** What a migration changes, without where the table is or its sizes: two schemas compare equal. */
async function ordersShape(engine: Engine, schema: string) {
  const t = await ordersTable(engine, schema);
  return {
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, default: c.default })),
    primaryKey: t.primaryKey,
    checks: t.checks,
    indexes: t.indexes.map((i) => ({ name: i.name, keys: i.keys, unique: i.unique, valid: i.valid })),
  };
}

const progressSchemaExists = async () => (await db.query<{ present: boolean }>(`SELECT to_regnamespace('dbarchitect') IS NOT NULL AS present`))[0]!.present;

describe('apply on PGlite', () => {
  it('a dry run returns every statement in order, runs none of them and writes nothing', async (t) => {
    const schema = await freshSchema(t, db, 'apply');
    await createOrders(db, 50);
    const before = await ordersShape(db, schema);
    const session = recording(db);
    const result = await applyPlan(orders, session, {});
    assert.equal(result.mode, 'dry-run');
    assert.equal(result.ok, true);
    // Nothing but reads of the progress table went to the database.
    assert.deepEqual(
      session.calls.map((c) => c.method),
      ['query'],
    );
    assert.match(session.calls[0]!.sql, /^SELECT to_regclass\('dbarchitect\.apply_progress'\)/);
    assert.deepEqual(await ordersShape(db, schema), before);
    assert.equal(await progressSchemaExists(), false);
    // The session's bounds come first, then the setup, then each step's statements in plan order.
    const sql = result.statements.map((s) => s.sql);
    assert.equal(sql[0], 'SET statement_timeout = 600000; SET lock_timeout = 2000');
    assert.match(sql[1]!, /^SELECT set_config\('search_path'/, 'the search path is pinned before the progress schema exists');
    assert.equal(sql[2], 'CREATE SCHEMA IF NOT EXISTS dbarchitect');
    const stepSql = result.statements.filter((s) => s.role === 'step').map((s) => s.sql);
    assert.deepEqual(
      stepSql,
      orders.steps.flatMap((s) => s.sql),
    );
    // Every step is bounded: its timeouts precede its first statement.
    for (const step of orders.steps) {
      const first = result.statements.findIndex((s) => s.step === step.id);
      assert.equal(result.statements[first]!.role, 'session', `step ${step.id} starts with its timeouts`);
    }
    const backfill = result.statements.find((s) => s.role === 'batch')!;
    assert.equal(backfill.repeat, 'until-no-row-changes');
    assert.match(backfill.sql, /^WITH batch AS \(UPDATE orders SET region = .* LIMIT 1000\) RETURNING 1\),/);
    // The index is built outside any transaction: no BEGIN in step 09.
    assert.deepEqual(
      result.statements.filter((s) => s.step === '09').map((s) => s.role),
      ['session', 'step', 'progress'],
    );
    assert.deepEqual(
      result.statements.filter((s) => s.step === '01').map((s) => s.role),
      ['session', 'transaction', 'step', 'step', 'progress', 'transaction'],
    );
    assert.ok(result.steps.every((s) => s.status === 'would-run'));
    assert.equal(result.steps.find((s) => s.id === '10')!.dataLoss, 'the values of orders.legacy_note');
  });

  it('a dry run is exact: running its statements by hand reaches the same schema as apply', async (t) => {
    dropProgressAfter(t, db);
    const byHand = await freshSchema(t, db, 'apply_hand');
    await createOrders(db, 2500);
    const dry = await applyPlan(orders, db, {});
    for (const s of dry.statements) {
      if (!s.repeat) await db.exec(s.sql);
      else while (Number((await db.query<{ rows: number }>(s.sql))[0]!.rows) > 0);
    }
    const handTable = await ordersShape(db, byHand);
    await db.exec('DROP SCHEMA dbarchitect CASCADE');
    const applied = await freshSchema(t, db, 'apply_run');
    await createOrders(db, 2500);
    const result = await applyPlan(orders, db, { apply: true, allowDataLoss: true });
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    assert.deepEqual(await ordersShape(db, applied), handTable);
  });

  it('applies the whole plan: the expected columns, checks and indexes, the backfill in counted batches', async (t) => {
    dropProgressAfter(t, db);
    const schema = await freshSchema(t, db, 'apply');
    await createOrders(db, 5500);
    const events: ApplyEvent[] = [];
    const result = await applyPlan(orders, db, { apply: true, allowDataLoss: true, onProgress: (e) => events.push(e) });
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    assert.ok(result.steps.every((s) => s.status === 'done'));
    const backfill = result.steps.find((s) => s.id === '02')!;
    assert.deepEqual(backfill.batches, [1000, 1000, 1000, 1000, 1000, 500]);
    assert.deepEqual(
      events.filter((e) => e.kind === 'batch').map((e) => (e.kind === 'batch' ? e.totalRows : 0)),
      [1000, 2000, 3000, 4000, 5000, 5500],
    );

    const table = await ordersTable(db, schema);
    assert.deepEqual(
      table.columns.map((c) => [c.name, c.nullable]),
      [
        ['id', false],
        ['customer_id', false],
        ['amount_cents', false],
        ['created_at', false],
        ['region', false],
      ],
    );
    assert.deepEqual(
      table.checks.map((c) => [c.name, c.notValid ?? false]),
      [['orders_amount_cents_nonnegative', false]],
    );
    const index = table.indexes.find((i) => i.name === 'orders_region_created_at_idx')!;
    assert.deepEqual(
      index.keys.map((k) => k.column),
      ['region', 'created_at'],
    );
    assert.notEqual(index.valid, false);
    const regions = await db.query<{ region: string; n: number }>('SELECT region, count(*)::int AS n FROM orders GROUP BY region ORDER BY region');
    assert.deepEqual(regions, [
      { region: 'eu', n: 2750 },
      { region: 'us', n: 2750 },
    ]);
    // New rows get the default the plan set.
    await db.exec('INSERT INTO orders (customer_id, amount_cents) VALUES (1, 5)');
    assert.equal((await db.query<{ region: string }>('SELECT region FROM orders ORDER BY id DESC LIMIT 1'))[0]!.region, 'eu');

    // The progress, keyed by the plan's hash: every step done, the backfill's count kept.
    const progress = await db.query<{ step_id: string; state: string; batches: number; rows_changed: number }>(
      'SELECT step_id, state, batches, rows_changed::int AS rows_changed FROM dbarchitect.apply_progress WHERE plan_hash = $1 ORDER BY step_id',
      [planHash(orders)],
    );
    assert.deepEqual(
      progress.map((p) => p.step_id),
      orders.steps.map((s) => s.id),
    );
    assert.ok(progress.every((p) => p.state === 'done'));
    assert.deepEqual([progress[1]!.batches, progress[1]!.rows_changed], [6, 5500]);

    // Run again: everything is skipped, nothing runs.
    const again = await applyPlan(orders, recording(db), { apply: true, allowDataLoss: true });
    assert.ok(again.steps.every((s) => s.status === 'skipped'));
    assert.deepEqual(
      again.statements.map((s) => s.role),
      ['session', 'setup', 'setup', 'setup'],
    );
  });

  it('an interrupted apply resumes: a row breaks VALIDATE, is fixed, and the re-run skips the done steps', async (t) => {
    dropProgressAfter(t, db);
    const schema = await freshSchema(t, db, 'apply');
    await createOrders(db, 3000);
    await db.exec('INSERT INTO orders (customer_id, amount_cents) VALUES (7, -1)');
    const first = await applyPlan(orders, db, { apply: true, allowDataLoss: true });
    assert.equal(first.ok, false);
    const failure = first.failure!;
    assert.deepEqual(failure.step, { id: '04', title: 'validate orders_amount_cents_nonnegative on the existing rows' });
    assert.equal(failure.statement, 'ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_nonnegative');
    assert.match(failure.error, /check constraint "orders_amount_cents_nonnegative" .*is violated by some row/);
    assert.equal(failure.lockTimeout, false);
    assert.equal(failure.attempts, 1);
    assert.deepEqual(failure.done, ['01', '02', '03']);
    assert.match(failure.resume, /correct the cause and run the same plan again: the 3 step\(s\) done are skipped and the run resumes with step 04/);
    assert.deepEqual(
      first.steps.map((s) => s.status),
      ['done', 'done', 'done', 'failed', ...Array(6).fill('not-reached')],
    );
    // The failed step's transaction was rolled back, and the session is usable.
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE region IS NULL'))[0]!.n, 0);

    await db.exec('UPDATE orders SET amount_cents = 0 WHERE amount_cents < 0');
    const second = await applyPlan(orders, db, { apply: true, allowDataLoss: true });
    assert.equal(second.ok, true, JSON.stringify(second.failure));
    assert.deepEqual(
      second.steps.map((s) => s.status),
      ['skipped', 'skipped', 'skipped', ...Array(7).fill('done')],
    );
    assert.ok(!second.statements.some((s) => ['01', '02', '03'].includes(s.step ?? '')));
    assert.ok(!(await ordersTable(db, schema)).columns.some((c) => c.name === 'legacy_note'));
  });

  it('an interrupted backfill resumes with its next batch, its earlier count kept', async (t) => {
    dropProgressAfter(t, db);
    await freshSchema(t, db, 'apply');
    await createOrders(db, 4500);
    // A trigger that stops the third batch (it reaches id 2500), as a failure mid-backfill.
    await db.exec(`CREATE FUNCTION stop_at_2500() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = 2500 THEN RAISE EXCEPTION 'stopped at 2500'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER stop_at_2500 BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stop_at_2500();`);
    const first = await applyPlan(orders, db, { apply: true, allowDataLoss: true });
    assert.equal(first.failure?.step?.id, '02');
    assert.match(first.failure!.error, /stopped at 2500/);
    assert.match(first.failure!.resume, /resumes with step 02 \(its batches go on where they stopped\)/);
    assert.deepEqual(first.steps[1]!.batches, [1000, 1000]);
    await db.exec('DROP TRIGGER stop_at_2500 ON orders');
    const second = await applyPlan(orders, db, { apply: true, allowDataLoss: true });
    assert.equal(second.ok, true, JSON.stringify(second.failure));
    assert.equal(second.steps[0]!.status, 'skipped');
    assert.deepEqual(second.steps[1]!.earlier, { statementsDone: 0, batches: 2, rows: 2000 });
    assert.deepEqual(second.steps[1]!.batches, [1000, 1000, 500]);
    const [recorded] = await db.query<{ batches: number; rows_changed: number }>(
      `SELECT batches, rows_changed::int AS rows_changed FROM dbarchitect.apply_progress WHERE plan_hash = $1 AND step_id = '02'`,
      [planHash(orders)],
    );
    assert.deepEqual({ ...recorded }, { batches: 5, rows_changed: 4500 });
  });

  it('refuses a plan with a data-loss step before anything runs, listing what it loses; runs it with allowDataLoss', async (t) => {
    dropProgressAfter(t, db);
    const schema = await freshSchema(t, db, 'apply');
    await createOrders(db, 100);
    const before = await ordersShape(db, schema);
    const session = recording(db);
    const refused = await applyPlan(orders, session, { apply: true });
    assert.equal(refused.ok, false);
    assert.equal(refused.refusal?.reason, 'data-loss');
    assert.deepEqual(refused.refusal?.steps, [{ id: '10', title: 'drop column orders.legacy_note', problem: 'loses the values of orders.legacy_note' }]);
    assert.deepEqual(session.calls, []);
    assert.deepEqual(await ordersShape(db, schema), before);
    assert.equal(await progressSchemaExists(), false);
    const allowed = await applyPlan(orders, db, { apply: true, allowDataLoss: true });
    assert.equal(allowed.ok, true, JSON.stringify(allowed.failure));
    assert.ok(!(await ordersTable(db, schema)).columns.some((c) => c.name === 'legacy_note'));
  });

  it('a failed CREATE INDEX CONCURRENTLY reports the invalid index it left and the statement that removes it; another plan inherits no progress', async (t) => {
    dropProgressAfter(t, db);
    const schema = await freshSchema(t, db, 'apply');
    await createOrders(db, 100);
    assert.equal((await applyPlan(orders, db, { apply: true, allowDataLoss: true })).ok, true);
    const customers = loadPlan(CUSTOMERS_PLAN_FILE);
    assert.notEqual(planHash(customers), planHash(orders));
    await db.exec(`CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL); INSERT INTO customers VALUES (1, 'a@x'), (2, 'a@x'), (3, 'b@x');`);
    // Its step 01 is not the orders plan's step 01, done above.
    const first = await applyPlan(customers, db, { apply: true, lockRetry: FAST_RETRY });
    assert.equal(first.steps[0]!.status, 'failed');
    assert.match(first.failure!.error, /could not create unique index "customers_email_key"/);
    assert.deepEqual(first.failure!.invalidIndexes, [{ name: 'customers_email_key', drop: 'DROP INDEX CONCURRENTLY IF EXISTS customers_email_key' }]);
    assert.match(first.failure!.resume, /first remove what the failed build left: DROP INDEX CONCURRENTLY IF EXISTS customers_email_key;/);
    // Fixing the rows is not enough: IF NOT EXISTS would keep the invalid index and call it a success.
    await db.exec(`DELETE FROM customers WHERE id = 2`);
    const second = await applyPlan(customers, db, { apply: true });
    assert.equal(second.ok, false);
    assert.match(second.failure!.error, /the statement succeeded but the index is invalid \(customers_email_key\)/);
    await db.exec(first.failure!.invalidIndexes[0]!.drop);
    const third = await applyPlan(customers, db, { apply: true });
    assert.equal(third.ok, true, JSON.stringify(third.failure));
    const index = (await tableIn(db, schema, 'customers')).indexes.find((i) => i.name === 'customers_email_key');
    assert.deepEqual([index?.unique, index?.valid, index?.keys], [true, true, [{ column: 'email' }]]);
  });

  it('refuses another dialect’s plan and a batch it cannot count, before anything runs', async (t) => {
    await freshSchema(t, db, 'apply');
    const session = recording(db);
    const mysql = await applyPlan({ ...orders, dialect: 'mysql' }, session, { apply: true, allowDataLoss: true });
    assert.equal(mysql.refusal?.reason, 'dialect');
    assert.match(mysql.refusal!.message, /the plan is for mysql, but the database is postgres/);
    const steps = orders.steps.map((s) => (s.batch ? { ...s, batch: { ...s.batch, sql: 'SELECT 1' } } : s));
    const select = await applyPlan({ ...orders, steps }, session, { apply: true, allowDataLoss: true });
    assert.equal(select.refusal?.reason, 'plan');
    assert.deepEqual(
      select.refusal?.steps.map((s) => [s.id, s.problem]),
      [['02', 'batch.sql: expected an UPDATE, DELETE or INSERT statement: a batch is counted by the rows it changes']],
    );
    assert.deepEqual(session.calls, []);
  });

  it('stops a batch that changes more rows than rowsPerBatch (a backfill without its LIMIT)', async (t) => {
    dropProgressAfter(t, db);
    await freshSchema(t, db, 'apply');
    await createOrders(db, 300);
    const steps = orders.steps
      .slice(0, 2)
      .map((s) => (s.batch ? { ...s, batch: { ...s.batch, sql: 'UPDATE orders SET region = $$eu$$ WHERE region IS NULL', rowsPerBatch: 100 } } : s));
    const result = await applyPlan({ ...orders, steps }, db, { apply: true });
    assert.equal(result.failure?.step?.id, '02');
    assert.match(result.failure!.error, /one run changed 300 rows, more than rowsPerBatch \(100\)/);
  });
});
