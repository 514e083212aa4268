import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromFile } from '../src/api/design.js';
import { emitPostgresRefreshJobs } from '../src/dialects/postgres/ddl.js';
import { freshSchema, sharedEngine } from './engines.js';
import { REFERENCE_SPEC, referenceDesign } from './helpers.js';

/**
 * The structures decisions choose (history tables and triggers, snapshots, pre-aggregate views,
 * idempotency keys) are built by the DDL and behave as the decisions say, on a real engine.
 */
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const SHARED_SPECS = '/work/shared/specs';
const IOT_SPEC = join(EXAMPLES, 'iot-telemetry.yaml');
const yamlIn = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};

const engine = sharedEngine();

/** A spec's design (the reference spec's designed once for the file) and its schema script. */
async function designed(file: string) {
  const result = file === REFERENCE_SPEC ? await referenceDesign() : await designFromFile(file);
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return { design: result.design, ddl: result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content };
}

/** Applies DDL in a fresh schema and leaves search_path pointing at it. */
async function applyFresh(t: TestContext, ddl: string): Promise<void> {
  await freshSchema(t, engine, 'structures');
  await engine.exec(ddl);
}

const count = async (sql: string): Promise<number> => (await engine.query<{ n: number }>(`select (${sql})::int as n`))[0]!.n;

describe('chosen structures on PGlite', () => {
  for (const file of [...yamlIn(EXAMPLES), ...yamlIn(SHARED_SPECS)])
    it(`the DDL of ${file} runs`, async (t) => {
      const { ddl } = await designed(file);
      await applyFresh(t, ddl);
    });

  it('the reference spec: history rows on UPDATE and DELETE, a running snapshot, a view refreshed concurrently', async (t) => {
    const { design, ddl } = await designed(REFERENCE_SPEC);
    await applyFresh(t, ddl);
    await engine.exec(`insert into tenant (name, slug, plan, billing_email) values ('A', 'a', 'pro', 'a@example.com')`);
    await engine.exec(`update tenant set name = 'B'`);
    assert.equal(await count(`select count(*) from tenant_history where history_operation = 'UPDATE' and name = 'A'`), 1, 'the old row, after one update');
    await engine.exec(`update tenant set name = 'C'`);
    assert.equal(await count('select count(*) from tenant_history'), 2);

    await engine.exec(`insert into customer (tenant_id, email) values (1, 'c@example.com')`);
    await engine.exec(`insert into product (tenant_id, sku, title, price) values (1, 's1', 'P', 10)`);
    await engine.exec(
      `insert into inventory_event (tenant_id, product_id, delta, reason, occurred_at) values (1, 1, 5, 'restock', now()), (1, 1, -2, 'sale', now()), (1, 1, 4, 'restock', now() - interval '1 year')`,
    );
    assert.equal(
      await count('select sum_delta from inventory_event_snapshot where tenant_id = 1 and product_id = 1'),
      7,
      'the snapshot holds the running sum stock_level reads',
    );

    await engine.exec(
      `insert into "order" (tenant_id, customer_id, status, total, currency, placed_at) values (1, 1, 'paid', 30, 'USD', now()), (1, 1, 'shipped', 12, 'USD', now()), (1, 1, 'pending', 99, 'USD', now()), (1, 1, 'paid', 50, 'USD', now() - interval '40 days')`,
    );
    assert.equal(await count('select count(*) from daily_revenue_mv'), 0, 'created before the data');
    const refresh = emitPostgresRefreshJobs(design.schema);
    assert.match(refresh, /^REFRESH MATERIALIZED VIEW CONCURRENTLY daily_revenue_mv; -- every 295 s\n$/);
    await engine.exec(refresh);
    assert.equal(
      await count(`select sum_total from daily_revenue_mv where tenant_id = 1 and day = date_trunc('day', now())`),
      42,
      'paid and shipped orders of the window only',
    );

    await engine.exec(`delete from tenant_history; delete from "order" where status = 'pending'`);
    assert.equal(await count(`select count(*) from order_history where history_operation = 'DELETE' and total = 99`), 1, 'a delete keeps the old row');
  });

  it('the reference spec: the idempotency key rejects a second insert with the same key', async (t) => {
    const { ddl } = await designed(REFERENCE_SPEC);
    await applyFresh(t, ddl);
    await engine.exec(
      `insert into tenant (name, slug, plan, billing_email) values ('A', 'a', 'pro', 'a@example.com'); insert into customer (tenant_id, email) values (1, 'c@example.com')`,
    );
    const insert = `insert into "order" (tenant_id, customer_id, status, total, currency, placed_at, idempotency_key) values (1, 1, 'pending', 1, 'USD', now(), '00000000-0000-0000-0000-000000000001')`;
    await engine.exec(insert);
    await assert.rejects(engine.exec(insert), /order_tenant_id_idempotency_key_key/);
  });

  it('a partitioned table: the idempotency unique includes the partition key, and a retry conflicts', async (t) => {
    const { design, ddl } = await designed(IOT_SPEC);
    const reading = design.schema.tables.find((t) => t.name === 'reading')!;
    assert.equal(reading.partitioning?.column, 'taken_at');
    // ClickHouse is chosen, so no Citus distribution column joins the key; the partition column must
    assert.deepEqual(reading.uniques.find((u) => u.name.includes('idempotency'))?.columns, ['idempotency_key', 'taken_at']);
    await applyFresh(t, ddl);
    await engine.exec(`insert into device (serial, model) values ('s', 'm')`);
    const insert = `insert into reading (device_id, metric, value, taken_at, idempotency_key) values (1, 'voltage', 3.3, '2020-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000002')`;
    await engine.exec(insert);
    await assert.rejects(engine.exec(insert), /duplicate key value violates unique constraint/);
    await engine.exec(`${insert} on conflict (idempotency_key, taken_at) do nothing`);
    assert.equal(await count('select count(*) from reading'), 1, 'the retry added no row');
  });
});
