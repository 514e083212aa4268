import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { workloadOf } from '../../api/design.js';
import { loadSpecText } from '../../spec/load-spec.js';
import { deriveIndexes } from './derive-indexes.js';
import { postgresStorage } from '../../dialects/postgres/storage/index.js';

async function derive(yaml: string) {
  const loaded = await loadSpecText('spec.yaml', yaml);
  assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
  const result = deriveIndexes(loaded.loaded.schema, workloadOf(loaded.loaded), loaded.loaded.spec.requirements.tenants, postgresStorage);
  const ddl = result.schema.tables.flatMap((t) =>
    t.indexes.map(
      (i) =>
        `${i.method} ${i.table}(${i.keys.map((k) => `${k.column ?? `(${k.expression})`}${k.opclass ? ` ${k.opclass}` : ''}${k.order === 'desc' ? ' desc' : ''}`).join(', ')})${i.include.length ? ` include(${i.include.join(', ')})` : ''}${i.where.length ? ` where ${JSON.stringify(i.where.map((w) => [w.column, w.op, ...w.values]))}` : ''}`,
    ),
  );
  return { ddl, decisions: result.decisions, schema: result.schema };
}

const spec = (entities: string, patterns: string) => `version: 1\nname: t\nentities:\n${entities}\naccess_patterns:\n${patterns}`;
const orders = `  customer:\n    rows: 1M\n    fields:\n      email: email!\n      name: string(100)\n      profile: json\n  order:\n    rows: 50M\n    growth: 1M/month\n    fields:\n      customer: ref(customer)!\n      status: enum(pending, paid, shipped)!\n      total: money!\n      note: text\n      placed_at: timestamp!\n`;

describe('indexes derived from access patterns', () => {
  it('the reference spec gets one index per need, merged where one serves another', async () => {
    const { ddl, decisions } = await derive(readFileSync(new URL('../../../examples/saas-shop.yaml', import.meta.url), 'utf8'));
    assert.deepEqual(ddl, [
      'btree product_category(tenant_id, category_id) include(product_id)',
      'btree order(tenant_id, customer_id, placed_at desc) include(id, status, total)',
      'btree order(tenant_id, placed_at) where [["status","eq","paid"]]',
      'btree order(tenant_id, placed_at) where [["status","in","paid","shipped","delivered"]]',
      'btree order_line(tenant_id, order_id) include(product_id, quantity, unit_price)',
      'btree inventory_event(tenant_id, product_id) include(delta)',
    ]);
    const served = decisions.filter((d) => d.id.startsWith('indexes/served/')).map((d) => d.title);
    assert.deepEqual(served, [
      'order_detail on order: served by order_pkey',
      'storefront_products on product: served by product_pkey',
      'customer_by_email on customer: served by customer_tenant_id_email_key',
    ]);
    const customerOrders = decisions.find((d) => d.patterns.includes('customer_orders') && d.area === 'indexes' && !d.id.includes('served'))!;
    assert.match(
      customerOrders.rationale.join('\n'),
      /customer_orders \(400\/s\): equality on tenant_id, customer_id; rows come out in ORDER BY placed_at desc order, so LIMIT 20 stops after that many entries; includes id, status, total/,
    );
    assert.match(
      customerOrders.rationale.join('\n'),
      /Weighed: serves 400\/s of reads against 60\/s of writes to `order`; about [\d.]+ GB at 200,000,000 rows/,
    );
  });

  it('equality, then sort, then range; IN lists break the sort', async () => {
    const { ddl } = await derive(
      spec(
        orders,
        `  - name: recent\n    sql: select id from "order" where customer_id = :c and placed_at > :since order by total desc limit 5\n    rate: 10/s\n  - name: by_status\n    sql: select id from "order" where customer_id in (:a, :b) order by placed_at limit 5\n    rate: 10/s\n`,
      ),
    );
    assert.deepEqual(ddl, ['btree order(customer_id, total desc, placed_at)']);
  });

  it('expressions, JSON containment and low-cardinality constants', async () => {
    const { ddl } = await derive(
      spec(
        orders,
        `  - name: login\n    sql: select id from customer where lower(email) = lower(:email)\n    rate: 100/s\n  - name: by_profile\n    sql: select id from customer where profile @> :doc\n    rate: 1/s\n  - name: unpaid\n    sql: select id, total from "order" where status = 'pending' and placed_at < :cutoff\n    rate: 1/s\n`,
      ),
    );
    assert.deepEqual(ddl, [
      'btree customer((lower(email)))',
      'gin customer(profile jsonb_path_ops)',
      'btree order(placed_at) where [["status","eq","pending"]]',
    ]);
  });

  it('BRIN for a time range over a large append-only table', async () => {
    const { ddl } = await derive(
      spec(
        `  reading:\n    rows: 2B\n    append_only: true\n    fields:\n      sensor: string(20)!\n      value: float!\n      taken_at: timestamp!\n`,
        `  - name: window\n    sql: select avg(value) from reading where taken_at >= :from and taken_at < :to\n    rate: 1/min\n`,
      ),
    );
    assert.deepEqual(ddl, ['brin reading(taken_at)']);
  });

  it('rejects indexes on small tables and on write-heavy tables rarely read, saying why', async () => {
    const { ddl, decisions } = await derive(
      spec(
        `  country:\n    rows: 200\n    fields:\n      code: string(2)!\n  event:\n    rows: 10M\n    fields:\n      kind: string(20)!\n      at: timestamp!\n`,
        `  - name: by_code\n    sql: select * from country where code = :c\n    rate: 500/s\n  - name: log\n    sql: insert into event (kind, at) values (:k, now())\n    rate: 5000/s\n  - name: audit\n    sql: select * from event where kind = :k\n    rate: 1/min\n`,
      ),
    );
    assert.deepEqual(ddl, []);
    const rejected = decisions.filter((d) => d.id.startsWith('indexes/rejected/')).map((d) => d.rationale.at(-1));
    assert.equal(rejected[0], 'Rejected: `country` has 200 rows: a sequential scan reads a few pages, as fast as an index.');
    // 1/min × a 10M-row scan (20,000 units) saves 333 units/s; 5,000 inserts/s × 0.5 cost 2,500
    assert.equal(
      rejected[1],
      'Rejected: it serves 1/min of reads, each saving a scan of up to 10,000,000 rows (333 units/s), but would cost 5,000/s of writes an insertion each (2,500 units/s).',
    );
    assert.equal(rejected.length, 2);
  });

  it('keeps the index a hot read needs on a fast append-only table, and a BRIN whatever the write rate', async () => {
    const ingest = spec(
      `  device:\n    rows: 1M\n    fields:\n      serial: string(20)!\n  reading:\n    append_only: true\n    rows: 1B\n    fields:\n      device: ref(device)!\n      value: float!\n      at: timestamp!\n`,
      `  - name: ingest\n    sql: insert into reading (device_id, value, at) values (:d, :v, :at)\n    rate: 1M/s\n  - name: recent\n    sql: select value, at from reading where device_id = :d order by at desc limit 100\n    rate: 2k/s\n  - name: span\n    sql: select avg(value) from reading where at >= :from and at < :to\n    rate: 1/min\n`,
    );
    const { schema } = await derive(ingest);
    const reading = schema.tables.find((t) => t.name === 'reading')!;
    assert.ok(
      reading.indexes.some((i) => i.method === 'btree' && i.keys.map((k) => k.column).join() === 'device_id,at'),
      JSON.stringify(reading.indexes),
    );
    assert.ok(reading.indexes.some((i) => i.method === 'brin' && i.keys[0]!.column === 'at'));
  });

  it('never adds an index led by the whole primary key: equality on it finds one row', async () => {
    const { schema, decisions } = await derive(
      spec(
        `  thing:\n    rows: 50M\n    fields:\n      name: string(20)!\n      at: timestamp!\n`,
        `  - name: one\n    sql: select name from thing where id = :id order by at\n    rate: 100/s\n`,
      ),
    );
    assert.deepEqual(schema.tables.find((t) => t.name === 'thing')!.indexes, []);
    assert.ok(decisions.some((d) => d.id.startsWith('indexes/served/') || /thing_pkey/.test(JSON.stringify(d))));
  });
});
