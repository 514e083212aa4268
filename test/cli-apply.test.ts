import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { connectPostgres } from '../src/engines/postgres.js';
import { createOrders, ORDERS_PLAN_FILE } from './apply-plans.js';
import { freshDatabase, postgresServer } from './engines.js';
import { runCli } from './helpers.js';
import { serverUrl } from './servers.js';

/** A URL nothing listens on, with a password that must never be printed: the checks before connecting need no server. */
const NOWHERE = 'postgres://app:hunter2@127.0.0.1:1/shop';

async function planFile(edit: (plan: any) => void): Promise<string> {
  const plan = JSON.parse(readFileSync(ORDERS_PLAN_FILE, 'utf8'));
  edit(plan);
  const file = join(await mkdtemp(join(tmpdir(), 'dbarchitect-apply-')), 'plan.json');
  await writeFile(file, JSON.stringify(plan, null, 2));
  return file;
}

function assertBadInput(run: { status: number | null; stdout: string; stderr: string }, message: RegExp) {
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, message);
  assert.ok(!(run.stdout + run.stderr).includes('hunter2'), 'the password is never printed');
  assert.doesNotMatch(run.stderr, /\n\s+at .*\.ts:\d+/, 'no stack trace');
}

describe('dbarchitect apply: what is refused before connecting', () => {
  it('a plan.json of the wrong shape: exit 2, the file, its line and the JSON path', async () => {
    const file = await planFile((p) => {
      p.steps[3].sql = 'ALTER TABLE orders VALIDATE CONSTRAINT x';
    });
    const run = await runCli(['apply', file, '--db', NOWHERE]);
    assertBadInput(run, /plan\.json:\d+:\d+: error plan\/invalid: steps\[3\]\.sql: expected an array of strings\n {2}at steps\[3\]\.sql\n {2}fix: /);
  });

  it('a file that is not JSON, and one that is missing: exit 2 naming them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbarchitect-apply-'));
    await writeFile(join(dir, 'plan.json'), '{ "format": "dbarchitect-migration-plan", ');
    assertBadInput(await runCli(['apply', join(dir, 'plan.json'), '--db', NOWHERE]), /plan\.json:1:\d+: error plan\/not-json: not valid JSON/);
    assertBadInput(await runCli(['apply', join(dir, 'none.json'), '--db', NOWHERE]), /none\.json:1:1: error plan\/unreadable: no such file/);
  });

  it('a .sql file, another engine’s URL, or no --db: apply needs a live PostgreSQL database', async () => {
    assertBadInput(
      await runCli(['apply', ORDERS_PLAN_FILE, '--db', 'test/fixtures/plans/orders-before.sql']),
      /^error: --db test\/fixtures\/plans\/orders-before\.sql: apply runs a plan on a live database and needs its URL .*a file cannot be migrated/,
    );
    assertBadInput(
      await runCli(['apply', ORDERS_PLAN_FILE, '--db', 'mysql://app:hunter2@127.0.0.1:1/shop']),
      /the plan is for postgres, but the database is mysql: plan again against this database/,
    );
    assertBadInput(await runCli(['apply', ORDERS_PLAN_FILE]), /--db <url> is required/);
  });

  it('another dialect’s plan against PostgreSQL: exit 2', async () => {
    const file = await planFile((p) => {
      p.dialect = 'mysql';
    });
    assertBadInput(await runCli(['apply', file, '--db', NOWHERE, '--apply']), /plan\.json: the plan is for mysql, but the database is postgres/);
  });

  it('a data-loss step without --allow-data-loss: refused, each such step listed with what it loses', async () => {
    const run = await runCli(['apply', ORDERS_PLAN_FILE, '--db', NOWHERE, '--apply']);
    assertBadInput(
      run,
      /error: .*orders-expand-contract\.json: 1 step\(s\) lose data and run only with --allow-data-loss; nothing was run\n {2}step 10 \(drop column orders\.legacy_note\): loses the values of orders\.legacy_note\n$/,
    );
  });

  it('timeouts that are not durations above zero (0 would mean no limit), and an unknown --format', async () => {
    assertBadInput(await runCli(['apply', ORDERS_PLAN_FILE, '--db', NOWHERE, '--lock-timeout', '0s']), /--lock-timeout must be a duration above zero/);
    assertBadInput(
      await runCli(['apply', ORDERS_PLAN_FILE, '--db', NOWHERE, '--statement-timeout', 'soon']),
      /--statement-timeout must be a duration above zero .* not `soon`/,
    );
    assertBadInput(await runCli(['apply', ORDERS_PLAN_FILE, '--db', NOWHERE, '--format', 'yaml']), /unknown --format `yaml`; use text or json/);
  });

  it('a database that cannot be reached: exit 3, one line, no password', async () => {
    const run = await runCli(['apply', ORDERS_PLAN_FILE, '--db', NOWHERE]);
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stderr, /^error: cannot connect to postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/shop: /);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    assert.ok(!run.stderr.includes('hunter2'));
  });
});

const server = serverUrl('postgres');

async function ordersDatabase(t: TestContext, rows: number): Promise<string> {
  const turn = await postgresServer().start();
  t.after(() => turn.close());
  const url = await freshDatabase(t, server.url!);
  const setup = await connectPostgres(url);
  try {
    await createOrders(setup, rows);
  } finally {
    await setup.close();
  }
  return url;
}

async function columnsOf(url: string): Promise<string[]> {
  const db = await connectPostgres(url, { readOnly: true });
  try {
    const rows = await db.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position`,
    );
    return rows.map((r) => r.name);
  } finally {
    await db.close();
  }
}

describe('dbarchitect apply on a PostgreSQL server', { skip: server.skip }, () => {
  it('without --apply prints the statements and how to run them, and changes nothing', async (t) => {
    const url = await ordersDatabase(t, 100);
    const run = await runCli(['apply', ORDERS_PLAN_FILE, '--db', url]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^-- the progress table \(dbarchitect\.apply_progress\), made when missing\nSET statement_timeout = 600000; SET lock_timeout = 2000;\n/,
    );
    assert.match(
      run.stdout,
      /\n-- step 09 \(expand\): create index orders_region_created_at_idx concurrently\nSET statement_timeout = 600000; SET lock_timeout = 2000;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS/,
    );
    assert.match(run.stdout, /\n-- run again and again, each run its own transaction, until it changes no row:\nWITH batch AS \(UPDATE orders/);
    assert.match(run.stdout, /\n-- step 10 \(contract\): drop column orders\.legacy_note \[loses the values of orders\.legacy_note\]\n/);
    assert.match(
      run.stderr,
      /^dry run: nothing was run\. 10 of 10 step\(s\) would run on postgres:\/\/.*:\*\*\*@.*, each with lock_timeout 2 s and statement_timeout 10 min; a lock timeout is tried 3 times/,
    );
    assert.match(
      run.stderr,
      /\nstep 10 loses the values of orders\.legacy_note: it runs only with --allow-data-loss\.\nTo run it: dbarchitect apply .* --apply --allow-data-loss\n$/,
    );
    assert.ok(!(run.stdout + run.stderr).includes(new URL(url).password));
    assert.deepEqual(await columnsOf(url), ['id', 'customer_id', 'amount_cents', 'legacy_note', 'created_at']);
  });

  it('--apply --allow-data-loss --format json: runs the plan, progress on stderr, the result on stdout', async (t) => {
    const url = await ordersDatabase(t, 2500);
    const run = await runCli(['apply', ORDERS_PLAN_FILE, '--db', url, '--apply', '--allow-data-loss', '--lock-timeout', '500ms', '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as {
      mode: string;
      database: string;
      timeouts: { lockMs: number };
      steps: { id: string; status: string; batches: number[] }[];
    };
    assert.equal(result.mode, 'apply');
    assert.equal(result.timeouts.lockMs, 500);
    assert.ok(result.steps.every((s) => s.status === 'done'));
    assert.deepEqual(result.steps[1]!.batches, [1000, 1000, 500]);
    assert.match(run.stderr, /^step 01 \(1\/10\): add column orders\.region/);
    assert.match(run.stderr, /\n {2}batch 3: 500 rows in \d+ ms \(2500 so far\)\n/);
    assert.ok(!(run.stdout + run.stderr).includes(new URL(url).password));
    assert.deepEqual(await columnsOf(url), ['id', 'customer_id', 'amount_cents', 'created_at', 'region']);
    const again = await runCli(['apply', ORDERS_PLAN_FILE, '--db', url, '--apply', '--allow-data-loss']);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /: 0 step\(s\) run, 10 skipped as done by an earlier run\n/);
  });

  it('a failing step: exit 3, the step, the statement, the engine’s error, what was done and how to resume', async (t) => {
    const url = await ordersDatabase(t, 100);
    const setup = await connectPostgres(url);
    await setup.exec('INSERT INTO orders (customer_id, amount_cents) VALUES (1, -1)');
    await setup.close();
    const run = await runCli(['apply', ORDERS_PLAN_FILE, '--db', url, '--apply', '--allow-data-loss']);
    assert.equal(run.status, 3, run.stderr);
    assert.match(
      run.stderr,
      /\nerror: step 04 \(validate orders_amount_cents_nonnegative on the existing rows\) failed\n {2}statement: ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_nonnegative\n {2}engine: check constraint "orders_amount_cents_nonnegative" of relation "orders" is violated by some row\n {2}done: 01, 02, 03 \(kept in dbarchitect\.apply_progress\)\n {2}to resume: correct the cause and run the same plan again: the 3 step\(s\) done are skipped and the run resumes with step 04\.\n {2}then: dbarchitect apply .*orders-expand-contract\.json --db postgres:\/\/.*:\*\*\*@.* --apply --allow-data-loss\n$/,
    );
    assert.ok(!(run.stdout + run.stderr).includes(new URL(url).password));
  });
});
