import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { freshSchema, sharedEngine } from './engines.js';
import { REFERENCE_SPEC, ROOT } from './helpers.js';

/** The shared specs of the team, when this checkout has them beside it. */
const SHARED_SPECS = '/work/shared/specs';
const specs = [
  REFERENCE_SPEC,
  join(ROOT, 'examples/iot-telemetry.yaml'),
  ...(existsSync(SHARED_SPECS)
    ? readdirSync(SHARED_SPECS)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(SHARED_SPECS, f))
    : []),
];

const engine = sharedEngine();

describe('jobs script on PGlite', () => {
  specs.forEach((file, i) => {
    it(`${file}: the schema, security and jobs scripts run, pg_cron and pg_partman skipped where absent`, async (t) => {
      await freshSchema(t, engine, `spec_${i}`);
      const result = await designFromFile(file, { engine });
      assert.ok(result.ok, JSON.stringify(result.diagnostics));
      assert.deepEqual(
        result.diagnostics.filter((d) => d.code.startsWith('design/ddl')),
        [],
        'no script failed',
      );
      const jobs = result.artifacts.find((a) => a.path === 'schema/postgres-jobs.sql');
      const expectsJobs = result.design.security.retention.length > 0 || result.design.schema.tables.some((t) => t.partitioning);
      assert.equal(jobs !== undefined, expectsJobs, 'a jobs script exactly when something expires or is partitioned');
      // The design's own PostgreSQL scripts; another dialect's (the chosen engine's, such as ClickHouse's) has its own checker.
      for (const check of result.design.ddl.filter((c) => c.dialect === 'postgres'))
        assert.match(check.executedOn ?? '', /PGlite/, `${check.file} ran on the engine`);
      if (!jobs) return;
      assert.equal(result.design.ddl.filter((c) => c.dialect === 'postgres').at(-1)!.file, 'schema/postgres-jobs.sql');
      const routines = await engine.query<{ proname: string }>(
        `SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace AND proname LIKE 'dbarchitect_retention_%' ORDER BY proname`,
      );
      assert.deepEqual(
        routines.map((r) => r.proname),
        result.design.security.retention
          .filter((r) => r.job)
          .map((r) => r.job!)
          .sort(),
      );
      await engine.exec(jobs.content); // it can run again
    });
  });

  it('the retention routines delete expired rows, keep fresh ones, and wait for restricting children', async (t) => {
    await freshSchema(t, engine, 'retention');
    const result = await designFromFile(REFERENCE_SPEC, { engine });
    assert.ok(result.ok);
    await engine.exec(`INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('Acme', 'acme', 'pro', 'billing@acme.test');`);
    await engine.exec(`INSERT INTO customer (tenant_id, email) VALUES (1, 'a@acme.test');`);
    await engine.exec(`INSERT INTO product (tenant_id, sku, title, price) VALUES (1, 'p1', 'Pen', 2);`);
    // 1: expired, no payment; 2: expired, its payment still kept; 3: fresh; 4-8: expired, to test the batch.
    const placed = ["now() - interval '8 years'", "now() - interval '8 years'", "now() - interval '1 day'", ...Array(5).fill("now() - interval '9 years'")];
    for (const at of placed)
      await engine.exec(
        `INSERT INTO "order" (tenant_id, customer_id, status, total, currency, placed_at, created_at) VALUES (1, 1, 'paid', 10, 'USD', ${at}, ${at});`,
      );
    await engine.exec(`INSERT INTO order_line (tenant_id, order_id, product_id, quantity, unit_price) SELECT 1, id, 1, 1, 10 FROM "order";`);
    await engine.exec(`INSERT INTO payment (tenant_id, order_id, provider, provider_ref, amount, status) VALUES (1, 2, 'stripe', 'ch_2', 10, 'captured');`);
    const ids = async (table: string) => (await engine.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
    const retain = async (table: string, batch?: number) =>
      (await engine.query<{ n: number }>(`SELECT dbarchitect_retention_${table}(${batch ?? ''})::int AS n`))[0]!.n;

    assert.equal(await retain('order', 2), 2, 'one batch of two');
    assert.equal(await retain('order'), 4, 'the other expired orders without payment');
    assert.equal(await retain('order'), 0, 'nothing left to expire');
    assert.deepEqual(await ids('"order"'), [2, 3], 'the order with a payment and the fresh one stay');
    assert.deepEqual(
      (await engine.query<{ order_id: number }>('SELECT order_id FROM order_line ORDER BY order_id')).map((r) => r.order_id),
      [2, 3],
      'lines went with their orders (ON DELETE CASCADE)',
    );

    assert.equal(await retain('payment'), 0, 'the payment is within its own retention');
    await engine.exec(`UPDATE payment SET created_at = now() - interval '8 years'`);
    assert.equal(await retain('payment'), 1, 'once it expires, its job deletes it');
    assert.equal(await retain('order'), 1, 'and then its order goes');
    assert.deepEqual(await ids('"order"'), [3]);

    // Forced row-level security: a job running as the owner would see no rows; it refuses instead.
    await engine.exec('GRANT EXECUTE ON FUNCTION dbarchitect_retention_order(integer) TO saas_shop_owner; SET ROLE saas_shop_owner;');
    try {
      await assert.rejects(engine.query('SELECT dbarchitect_retention_order()'), /must run as a role that bypasses row-level security/);
    } finally {
      await engine.exec('RESET ROLE;');
    }
    await engine.exec('SET ROLE saas_shop_app;');
    try {
      await assert.rejects(engine.query('SELECT dbarchitect_retention_order()'), /permission denied for function/, 'the application cannot run retention');
    } finally {
      await engine.exec('RESET ROLE;');
    }
  });

  it('each retention batch range-scans the time index', async (t) => {
    await freshSchema(t, engine, 'retention_plan');
    const result = await designFromFile(REFERENCE_SPEC, { engine });
    assert.ok(result.ok);
    const order = result.design.security.retention.find((r) => r.table === 'order')!;
    assert.equal(order.index, 'order_created_at_idx');
    await engine.exec('SET enable_seqscan = off;');
    try {
      const plan = await engine.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT ctid FROM "order" t WHERE t.created_at < now() - interval '2557 days' LIMIT 10000`,
      );
      assert.match(plan.map((r) => r['QUERY PLAN']).join('\n'), /order_created_at_idx/);
    } finally {
      await engine.exec('RESET enable_seqscan;');
    }
  });
});
