import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { applyPlan, type ApplyEvent } from '../src/apply/run-plan.js';
import type { Engine } from '../src/engines/engine.js';
import { connectPostgres } from '../src/engines/postgres.js';
import { createOrders, loadPlan, ORDERS_PLAN_FILE } from './apply-plans.js';
import { freshDatabase, postgresServer } from './engines.js';
import { serverUrl } from './servers.js';

const server = serverUrl('postgres');
const orders = loadPlan(ORDERS_PLAN_FILE);

/**
 * The margin over the lock timeout a write may take. The plan bounds every lock wait by the lock
 * timeout; what a write measures beyond it is its own round trip and scheduling on a machine whose
 * two cores are shared with other test runs (fsync of the commit, the event loop between the
 * writer's awaits). Measured here: writes take a few ms and the longest under 300 ms while the
 * plan runs, so 1 s is generous for the noise and still far below what an unbounded wait
 * (behind a lock held for as long as the blocking transaction lasts) would show.
 */
const MARGIN_MS = 1_000;

/** The server tests' turn (postgresServer's session lock), held for the test, and a database of its own. */
async function ownDatabase(t: TestContext): Promise<string> {
  const turn = await postgresServer().start();
  t.after(() => turn.close());
  return freshDatabase(t, server.url!);
}

/**
 * Another application: inserts and updates orders in a loop, one autocommit statement at a time,
 * recording how long each took, until stopped. Its own lock timeout is long, so a wait shows in
 * full instead of being cut short.
 */
async function startWriter(url: string) {
  const db = await connectPostgres(url, { lockTimeoutMs: 60_000, statementTimeoutMs: 120_000 });
  const latencies: number[] = [];
  const errors: string[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const start = performance.now();
      try {
        if (i % 2 === 0) await db.exec(`INSERT INTO orders (customer_id, amount_cents) VALUES (${i % 500}, ${i % 1000})`);
        else await db.exec(`UPDATE orders SET amount_cents = amount_cents + 1 WHERE id = ${1 + ((i * 7919) % 150_000)}`);
        latencies.push(performance.now() - start);
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
  })();
  return {
    latencies,
    errors,
    async stop() {
      running = false;
      await loop;
      await db.close();
    },
  };
}

const maxOf = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

describe('apply on a PostgreSQL server', { skip: server.skip }, () => {
  it('runs the plan on 200k rows while another connection keeps writing: no write waits longer than the lock timeout', { timeout: 300_000 }, async (t) => {
    const url = await ownDatabase(t);
    const setup = await connectPostgres(url);
    await createOrders(setup, 200_000);
    await setup.exec('ANALYZE orders');
    await setup.close();

    const runner = await connectPostgres(url);
    t.after(() => runner.close());
    const writer = await startWriter(url);
    const lockTimeoutMs = 2_000;
    const batches: number[] = [];
    const started = performance.now();
    let result;
    try {
      result = await applyPlan(orders, runner, {
        apply: true,
        allowDataLoss: true,
        lockTimeoutMs,
        onProgress: (e: ApplyEvent) => e.kind === 'batch' && batches.push(e.ms),
      });
    } finally {
      await writer.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    assert.equal(result.ok, true, JSON.stringify(result.failure));
    assert.ok(
      result.steps.every((s) => s.status === 'done'),
      'the plan finished',
    );
    const backfill = result.steps.find((s) => s.id === '02')!;
    // Every row from before the column, the writer's first inserts among them; later ones got the default.
    const backfilled = backfill.batches.reduce((a, b) => a + b, 0);
    assert.ok(backfilled >= 200_000 && backfilled < 200_000 + writer.latencies.length, `${backfilled} rows backfilled`);
    assert.ok(backfill.batches.every((n) => n <= 1000));
    assert.deepEqual(writer.errors, []);
    assert.ok(writer.latencies.length > 200, `the writer kept writing during the ${seconds.toFixed(1)} s run (${writer.latencies.length} writes)`);
    const worst = maxOf(writer.latencies);
    t.diagnostic(
      `plan ${seconds.toFixed(1)} s, ${batches.length} batches (longest ${maxOf(batches).toFixed(0)} ms); ${writer.latencies.length} writes, longest ${worst.toFixed(0)} ms`,
    );
    assert.ok(worst < lockTimeoutMs + MARGIN_MS, `the longest write took ${worst.toFixed(0)} ms, above the lock timeout ${lockTimeoutMs} ms + ${MARGIN_MS} ms`);

    const check = await connectPostgres(url);
    try {
      const [nulls] = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE region IS NULL');
      assert.equal(nulls!.n, 0);
      const [index] = await check.query<{ valid: boolean }>(
        `SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'orders_region_created_at_idx'::regclass`,
      );
      assert.equal(index!.valid, true);
      const [column] = await check.query<{ nullable: string }>(
        `SELECT is_nullable AS nullable FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'region'`,
      );
      assert.equal(column!.nullable, 'NO');
    } finally {
      await check.close();
    }
  });

  it('stops on a lock held by another session after 3 tries, keeps writes moving meanwhile, and resumes where it stopped', { timeout: 120_000 }, async (t) => {
    const url = await ownDatabase(t);
    const setup = await connectPostgres(url);
    await createOrders(setup, 20_000);
    // A row that breaks the check: the first run stops at VALIDATE (step 04).
    await setup.exec('INSERT INTO orders (customer_id, amount_cents) VALUES (1, -5)');
    const runner = await connectPostgres(url);
    t.after(() => runner.close());
    const options = { apply: true, allowDataLoss: true, lockTimeoutMs: 300, lockRetry: { tries: 3, backoffMs: 200 } } as const;

    const first = await applyPlan(orders, runner, options);
    assert.equal(first.failure?.step?.id, '04');
    assert.match(first.failure!.error, /violated by some row/);
    await setup.exec('UPDATE orders SET amount_cents = 0 WHERE amount_cents < 0');

    // A long reading transaction (a report) holds ACCESS SHARE: VALIDATE (SHARE UPDATE EXCLUSIVE)
    // runs beside it, ADD CONSTRAINT (ACCESS EXCLUSIVE, step 05) must wait for it.
    const reader = await connectPostgres(url);
    await reader.exec('BEGIN; SELECT count(*) FROM orders;');
    const writer = await startWriter(url);
    const retries: ApplyEvent[] = [];
    let second;
    try {
      second = await applyPlan(orders, runner, { ...options, onProgress: (e) => e.kind === 'retry' && retries.push(e) });
    } finally {
      await writer.stop();
    }
    assert.deepEqual(
      second.steps.map((s) => s.status),
      ['skipped', 'skipped', 'skipped', 'done', 'failed', ...Array(5).fill('not-reached')],
    );
    const failure = second.failure!;
    assert.equal(failure.lockTimeout, true);
    assert.equal(failure.attempts, 3);
    assert.match(failure.error, /canceling statement due to lock timeout/);
    assert.deepEqual(failure.done, ['01', '02', '03', '04']);
    assert.match(failure.resume, /the lock wait ran out on each of 3 tries: .* the 4 step\(s\) done are skipped and the run resumes with step 05/);
    assert.deepEqual(
      retries.map((e) => (e.kind === 'retry' ? [e.step, e.attempt, e.waitMs] : [])),
      [
        ['05', 1, 200],
        ['05', 2, 400],
      ],
    );
    // The writes queued behind the waiting ALTER TABLE; each waited at most the lock timeout.
    assert.deepEqual(writer.errors, []);
    assert.ok(writer.latencies.length > 0);
    const worst = maxOf(writer.latencies);
    t.diagnostic(`${writer.latencies.length} writes while the plan waited, longest ${worst.toFixed(0)} ms`);
    assert.ok(worst < options.lockTimeoutMs + MARGIN_MS, `the longest write took ${worst.toFixed(0)} ms`);

    await reader.exec('COMMIT');
    await reader.close();
    const third = await applyPlan(orders, runner, options);
    assert.equal(third.ok, true, JSON.stringify(third.failure));
    assert.deepEqual(
      third.steps.map((s) => s.status),
      [...Array(4).fill('skipped'), ...Array(6).fill('done')],
    );
    await setup.close();
  });

  it('a dry run on a read-only session reads the recorded progress and runs nothing', async (t) => {
    const url = await ownDatabase(t);
    const setup: Engine = await connectPostgres(url);
    await createOrders(setup, 1000);
    await setup.exec('INSERT INTO orders (customer_id, amount_cents) VALUES (1, -5)');
    assert.equal((await applyPlan(orders, setup, { apply: true, allowDataLoss: true })).failure?.step?.id, '04');
    await setup.close();
    const readOnly = await connectPostgres(url, { readOnly: true });
    try {
      const dry = await applyPlan(orders, readOnly, {});
      assert.equal(dry.ok, true);
      assert.deepEqual(
        dry.steps.map((s) => s.status),
        ['skipped', 'skipped', 'skipped', ...Array(7).fill('would-run')],
      );
      assert.ok(!dry.statements.some((s) => ['01', '02', '03'].includes(s.step ?? '')));
      assert.equal(dry.statements.find((s) => s.role === 'step')?.sql, 'ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_nonnegative');
    } finally {
      await readOnly.close();
    }
  });
});
