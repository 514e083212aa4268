import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diff } from '../src/api/diff.js';
import { applyPlan } from '../src/apply/run-plan.js';
import { plannerFor } from '../src/dialects/registry.js';
import { connectMysql } from '../src/engines/mysql.js';
import { MYSQL_BASE, mysqlDatabaseWith } from './plan-scenarios-mysql.js';
import { serverUrl } from './servers.js';

const server = serverUrl('mysql');

const ROWS = Array.from({ length: 25 }, (_, i) => `(${i + 1}, 'c${i + 1}@example.com', NULL)`).join(', ');
const ORDERS = Array.from({ length: 25 }, (_, i) => `(${i + 1}, ${i + 1}, 'new', ${i + 1}.50, NULL)`).join(', ');
const WITH_ROWS = `${MYSQL_BASE}INSERT INTO customers VALUES ${ROWS}; INSERT INTO orders VALUES ${ORDERS};`;
const RETYPED = MYSQL_BASE.replace('total decimal(12,2) NOT NULL', 'total double NOT NULL');

describe('apply runs a MySQL plan on MariaDB: statement by statement, backfills in counted batches, resumable', { skip: server.skip }, () => {
  it('a type change on a table with rows: backfilled in batches of 10, the target reached, the values kept', async (t) => {
    const from = await mysqlDatabaseWith(t, server.url!, WITH_ROWS);
    const to = await mysqlDatabaseWith(t, server.url!, RETYPED);
    const planned = await diff(from, to, { batchRows: 10 });
    assert.ok(planned.ok, planned.ok ? '' : planned.message);
    assert.ok(planned.validation?.forward.reached);
    const plan = planned.plan;
    assert.ok(plan.steps.some((s) => s.batch));

    const engine = await connectMysql(from, { readOnly: false });
    t.after(() => engine.close());
    // The connection fails at the second trigger, as an interrupted run does; the re-run resumes at that statement.
    let failed = false;
    const flaky = {
      kind: engine.kind,
      query: engine.query.bind(engine),
      async exec(sql: string) {
        if (!failed && /CREATE TRIGGER `orders_total__sync_u`/.test(sql)) {
          failed = true;
          throw new Error('the connection was lost (simulated)');
        }
        return engine.exec(sql);
      },
    };
    const first = await applyPlan(plan, flaky, { apply: true, allowDataLoss: true });
    assert.equal(first.ok, false);
    assert.match(first.failure!.statement, /CREATE TRIGGER `orders_total__sync_u`/);
    const result = await applyPlan(plan, engine, { apply: true, allowDataLoss: true });
    assert.ok(result.ok, JSON.stringify(result.failure ?? result.refusal));
    const ran = result.statements.filter((s) => s.role === 'step' && s.step === '01').map((s) => s.sql);
    assert.equal(ran.length, 1, `the re-run ran only the statement that failed: ${ran.join('; ')}`);
    const backfill = result.steps.find((s) => plan.steps.find((p) => p.id === s.id)?.batch)!;
    assert.deepEqual(backfill.batches, [10, 10, 5]);
    const [row] = await engine.query<{ total: number; n: number }>('SELECT SUM(total) AS total, COUNT(*) AS n FROM orders');
    assert.equal(Number(row!.n), 25);
    assert.equal(Number(row!.total), (25 * 26) / 2 + 25 * 0.5);
    const [type] = await engine.query<{ t: string }>(
      "SELECT DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'total'",
    );
    assert.equal(type!.t, 'double');
    const after = await diff(from, to, { validate: false });
    assert.ok(after.ok);
    assert.deepEqual(
      after.plan.changes.filter(
        (c) => !('table' in c && c.table === 'dbarchitect_apply_progress') && !(c.kind === 'drop-table' && c.table.name === 'dbarchitect_apply_progress'),
      ),
      [],
    );
  });

  it('the sql format runs as written in the MariaDB client dialect (its timeouts, its steps in order)', async (t) => {
    const from = await mysqlDatabaseWith(t, server.url!, MYSQL_BASE);
    const target = MYSQL_BASE.replace('note text NULL,', 'note text NULL,\n  region varchar(10) NULL,').replace(
      "'new','paid','shipped'",
      "'new','paid','shipped','returned'",
    );
    const to = await mysqlDatabaseWith(t, server.url!, target);
    const planned = await diff(from, to, { validate: false });
    assert.ok(planned.ok, planned.ok ? '' : planned.message);
    const script = plannerFor('mysql')!.migration.script(planned.plan.steps, { lockMs: 2000, statementMs: 600_000 });
    assert.match(script, /SET SESSION lock_wait_timeout = 2, innodb_lock_wait_timeout = 2 \/\*M!100108 , max_statement_time = 600 \*\/;/);
    const engine = await connectMysql(from, { readOnly: false });
    try {
      await engine.exec(script);
      const [v] = await engine.query<{ v: number }>('SELECT @@SESSION.max_statement_time AS v');
      assert.equal(Number(v!.v), 600, 'MariaDB ran the /*M! part');
    } finally {
      await engine.close();
    }
    const after = await diff(from, to, { validate: false });
    assert.ok(after.ok);
    assert.deepEqual(after.plan.changes, []);
  });
});
