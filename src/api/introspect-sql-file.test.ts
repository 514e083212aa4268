import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Introspection } from '../model/introspection.js';
import { findTable, type Table } from '../model/schema.js';
import { introspect } from './introspect.js';

const FIXTURES = 'test/fixtures/existing';

async function read(file: string): Promise<Introspection> {
  const result = await introspect(file);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.introspection;
}

const col = (t: Table, name: string) => {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `${t.name}.${name} is missing`);
  return c;
};

/** Every statement has one account, numbered in file order, and each one not run says why. */
function assertAllAccounted(introspection: Introspection, statements: number) {
  const accounts = introspection.statements ?? [];
  assert.equal(accounts.length, statements);
  assert.deepEqual(
    accounts.map((a) => a.index),
    accounts.map((_, i) => i + 1),
  );
  for (const a of accounts) if (a.how !== 'executed') assert.ok(a.reason && a.reason.length > 10, `statement ${a.index} (${a.summary}) says why`);
  const lines = accounts.map((a) => a.line);
  assert.deepEqual(
    lines,
    [...lines].sort((a, b) => a - b),
  );
}

describe('introspecting a pg_dump file', () => {
  it('reads shop-dump.sql without loss: every statement accounted for, what the model cannot say kept native', async () => {
    const shop = await read(`${FIXTURES}/shop-dump.sql`);
    assert.equal(shop.source.kind, 'sql-file');
    assert.match(shop.source.serverVersion, /PGlite/);
    assert.deepEqual(shop.source.namespaces, ['public', 'shop']);
    assert.equal(shop.statsSince, null);
    assertAllAccounted(shop, 91);
    const accounts = shop.statements!;
    const byHow = (how: string) => accounts.filter((a) => a.how === how).map((a) => a.summary);
    assert.deepEqual(
      byHow('skipped').filter((s) => s.startsWith('\\')),
      ['\\restrict', '\\connect', '\\unrestrict'],
    );
    // Ownership by roles this engine lacks is no part of the schema: skipped, saying so.
    const owners = accounts.filter((a) => a.summary.endsWith(' OWNER'));
    assert.equal(owners.length, 18);
    assert.ok(owners.every((a) => a.how === 'skipped' && /role shop_owner does not exist here/.test(a.reason!)));
    assert.match(accounts.find((a) => a.summary === 'GRANT ON TABLE')!.reason!, /role reporting does not exist/);
    assert.equal(accounts.find((a) => a.summary === 'ALTER FUNCTION public.touch_updated_at OWNER')?.how, 'skipped');
    // Everything else ran on the engine, COPY data included.
    assert.equal(byHow('parse-tree').length, 0);
    assert.equal(byHow('executed').length, 91 - 3 - 18 - 1);

    const { schema } = shop;
    assert.deepEqual(
      schema.tables.map((t) => `${t.namespace ?? 'public'}.${t.name}`),
      ['public.customers', 'public.events', 'public.order_items', 'public.orders', 'public.products', 'shop.order_audit'],
    );
    assert.deepEqual(schema.enums, [{ name: 'order_status', values: ['new', 'paid', 'shipped', 'cancelled'] }]);

    const customers = findTable(schema, 'customers')!;
    assert.equal(customers.comment, 'People who buy; one row per account.');
    assert.equal(col(customers, 'name').comment, 'As printed on invoices');
    assert.deepEqual(col(customers, 'id').default, { kind: 'sequence', sequence: 'customers_id_seq' });
    assert.deepEqual(col(customers, 'id').sequence, { name: 'customers_id_seq', lastValue: 3, maxValue: 2147483647 });
    assert.deepEqual(col(customers, 'email').type, { kind: 'string', length: 254 });
    assert.equal(col(customers, 'email').domain, 'email');
    assert.deepEqual(col(customers, 'country').type, { kind: 'char', length: 2 });
    assert.deepEqual(customers.primaryKey, { name: 'customers_pkey', columns: ['id'] });
    assert.deepEqual(customers.uniques, [{ name: 'customers_tenant_email_key', columns: ['tenant_id', 'email'] }]);
    assert.equal(customers.tenantScoped, true);
    assert.equal(customers.rowSecurity?.enabled, true);
    assert.deepEqual(
      customers.rowSecurity?.policies.map((p) => p.name),
      ['tenant_isolation'],
    );
    assert.equal(customers.stats?.rows, 3, 'the COPY rows loaded');

    const products = findTable(schema, 'products')!;
    assert.equal(col(products, 'id').identity, 'always');
    assert.equal(col(products, 'id').sequence?.lastValue, 2);
    assert.deepEqual(col(products, 'price').type, { kind: 'decimal', precision: 12, scale: 2 });
    assert.equal(col(products, 'price').domain, 'positive_amount');
    assert.deepEqual(col(products, 'weight_kg').type, { kind: 'float' });
    assert.deepEqual(products.checks, [{ name: 'products_sku_check', rule: { kind: 'expression', sql: 'length(sku) <= 32', columns: ['sku'] } }]);
    assert.deepEqual(
      products.indexes.map((i) => [i.name, i.method, i.keys]),
      [
        ['products_attributes_idx', 'gin', [{ column: 'attributes', opclass: 'jsonb_path_ops' }]],
        ['products_lower_title_idx', 'btree', [{ expression: 'lower(title)' }]],
      ],
    );

    const orders = findTable(schema, 'orders')!;
    assert.equal(col(orders, 'id').identity, 'by-default');
    assert.deepEqual(col(orders, 'status').type, { kind: 'enum', name: 'order_status' });
    assert.deepEqual(col(orders, 'status').default, { kind: 'literal', value: 'new' });
    assert.deepEqual(col(orders, 'total').default, { kind: 'literal', value: 0 });
    assert.deepEqual(orders.foreignKeys, [
      {
        name: 'orders_customer_id_fkey',
        columns: ['customer_id'],
        refTable: 'customers',
        refColumns: ['id'],
        onDelete: 'no-action',
        deferrable: true,
        initiallyDeferred: false,
      },
    ]);
    const open = orders.indexes.find((i) => i.name === 'orders_open_idx')!;
    assert.equal(open.predicate, "status = ANY (ARRAY['new'::order_status, 'paid'::order_status])");
    assert.deepEqual(orders.indexes.find((i) => i.name === 'orders_customer_placed_idx')!.include, ['status']);

    const items = findTable(schema, 'order_items')!;
    assert.equal(items.kind, 'relation');
    assert.deepEqual(
      items.foreignKeys.map((f) => [f.name, f.onDelete, f.deferrable, f.initiallyDeferred]),
      [
        ['order_items_order_id_fkey', 'cascade', true, true],
        ['order_items_product_id_fkey', 'restrict', false, undefined],
      ],
    );
    const audit = schema.tables.find((t) => t.name === 'order_audit')!;
    assert.equal(audit.namespace, 'shop');
    // public's tables are named bare, wherever the reference comes from.
    assert.deepEqual(audit.foreignKeys[0]?.refTable, 'orders');
    assert.equal(audit.foreignKeys[0]?.notValid, true);
    assert.deepEqual(col(audit, 'at').type, { kind: 'timestamp', withTimeZone: false });
    assert.deepEqual(col(audit, 'id').default, { kind: 'sequence', sequence: 'shop.order_audit_id_seq' });

    const events = findTable(schema, 'events')!;
    assert.deepEqual(events.primaryKey.columns, ['id', 'occurred_at']);
    assert.deepEqual(
      events.indexes.map((i) => i.name),
      ['events_kind_idx'],
    );
    const native = (schema.native ?? []).map((n) => `${n.kind} ${n.name}${n.table ? ` on ${n.table}` : ''}`);
    assert.deepEqual(native, [
      'domain email',
      'domain positive_amount',
      'partitioning events on events',
      'partition events_2026_11 on events',
      'partition events_2026_12 on events',
      'materialized-view customer_totals',
      'view paid_orders',
      'function touch_updated_at()',
      'function shop.audit_order()',
      'trigger orders_audit on orders',
      'trigger orders_touch on orders',
    ]);
    const partition = schema.native!.find((n) => n.name === 'events_2026_11')!;
    assert.equal(
      partition.sql,
      "CREATE TABLE public.events_2026_11 PARTITION OF public.events FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00');",
    );
    assert.match(schema.native!.find((n) => n.kind === 'function' && n.name === 'touch_updated_at()')!.sql, /LANGUAGE plpgsql/);
  });

  it('reads a dump of a newer, richer server: what the engine lacks from the parse tree, the rest listed, never a crash', async () => {
    const newer = await read(`${FIXTURES}/newer-postgres-dump.sql`);
    assertAllAccounted(newer, 32);
    const how = (summary: string) => {
      const account = newer.statements!.find((a) => a.summary === summary);
      assert.ok(account, `no statement ${summary}`);
      return [account.how, account.reason ?? ''] as const;
    };
    assert.equal(how('CREATE EXTENSION postgis')[0], 'skipped');
    assert.match(how('CREATE EXTENSION postgis')[1], /extension "postgis" is not available/);
    assert.match(how('CREATE FUNCTION public.distance_score')[1], /language "plpython3u" does not exist/);
    assert.match(how('CREATE PROPERTY GRAPH')[1], /the parser .* cannot read it: syntax error at or near "PROPERTY"/);
    assert.deepEqual(how('CREATE SCHEMA gis'), ['executed', 'run without AUTHORIZATION gis_admin: the role does not exist here']);
    for (const s of ['CREATE TABLE public.stores', 'COMMENT ON TABLE public.stores', 'COMMENT ON COLUMN public.stores.location', 'CREATE TABLE gis.roads'])
      assert.equal(how(s)[0], 'parse-tree', s);
    assert.equal(how('CREATE INDEX stores_location_idx ON public.stores')[0], 'parse-tree');
    assert.equal(how('CREATE INDEX deliveries_due_idx ON public.deliveries')[0], 'executed');
    assert.equal(how('COPY public.deliveries')[0], 'executed');
    assert.deepEqual(newer.source.namespaces, ['gis', 'public']);

    const { schema } = newer;
    assert.deepEqual(
      schema.tables.map((t) => `${t.namespace ?? 'public'}.${t.name}`),
      ['gis.roads', 'public.deliveries', 'public.stores'],
    );
    assert.deepEqual(
      schema.enums.map((e) => e.name),
      ['gis.surface', 'store_kind'],
    );
    const stores = findTable(schema, 'stores')!;
    assert.equal(stores.comment, 'Shops, with where they stand');
    assert.equal(col(stores, 'location').comment, 'WGS 84 point');
    assert.deepEqual(col(stores, 'location').type, { kind: 'native', dialect: 'postgres', sql: 'public.geometry(point, 4326)' });
    assert.equal(col(stores, 'location').nullable, false);
    assert.equal(col(stores, 'id').identity, 'always');
    assert.deepEqual(col(stores, 'name').type, { kind: 'string', length: 80 });
    assert.deepEqual(col(stores, 'kind').type, { kind: 'enum', name: 'store_kind' });
    assert.deepEqual(col(stores, 'kind').default, { kind: 'literal', value: 'outlet' });
    assert.deepEqual(col(stores, 'opened_on').default, { kind: 'expression', sql: 'CURRENT_DATE' });
    assert.deepEqual(stores.primaryKey, { name: 'stores_pkey', columns: ['id'] });
    assert.deepEqual(stores.checks, [{ name: 'stores_name_check', rule: { kind: 'expression', sql: '(char_length((name)::text) > 0)', columns: ['name'] } }]);
    assert.deepEqual(
      stores.indexes.map((i) => [i.name, i.method, i.keys]),
      [['stores_location_idx', 'gist', [{ column: 'location' }]]],
    );
    const roads = schema.tables.find((t) => t.name === 'roads')!;
    assert.deepEqual(col(roads, 'surface').type, { kind: 'enum', name: 'gis.surface' });
    assert.deepEqual(roads.primaryKey.columns, ['id']);
    const deliveries = findTable(schema, 'deliveries')!;
    assert.deepEqual(
      deliveries.foreignKeys.map((f) => [f.name, f.refTable, f.refColumns, f.onDelete]),
      [['deliveries_store_id_fkey', 'stores', ['id'], 'cascade']],
    );
    assert.equal(deliveries.stats?.rows, 2);
    assert.equal(deliveries.indexes[0]?.predicate, 'window_minutes < 45');

    assert.deepEqual(
      (schema.native ?? []).filter((n) => n.kind === 'statement').map((n) => n.name),
      [
        'CREATE EXTENSION postgis',
        'COMMENT ON EXTENSION postgis',
        'CREATE EXTENSION plpython3u',
        'CREATE FUNCTION public.distance_score',
        'CREATE PROPERTY GRAPH',
      ],
    );
    assert.match(
      schema.native!.find((n) => n.name === 'CREATE FUNCTION public.distance_score')!.sql,
      /^CREATE FUNCTION public\.distance_score[\s\S]*math\.log1p[\s\S]*\$\$;$/,
    );
  });

  it('accounts for broken text instead of failing: an unterminated quote, a statement of nonsense', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbarchitect-sql-'));
    const file = join(dir, 'broken.sql');
    await writeFile(file, "CREATE TABLE ok (id int PRIMARY KEY);\nTHIS IS NOT SQL;\nCREATE TABLE later (note text DEFAULT 'never closed);\n");
    const broken = await read(file);
    assert.deepEqual(
      broken.statements!.map((a) => [a.how, a.line]),
      [
        ['executed', 1],
        ['skipped', 2],
        ['skipped', 3],
      ],
    );
    assert.match(broken.statements![2]!.reason!, /scanner cannot read it: an unterminated quoted string/);
    assert.deepEqual(
      broken.schema.tables.map((t) => t.name),
      ['ok'],
    );
  });

  it("loads a script with its own BEGIN and COMMIT (as the design's DDL has): the loader's transaction stays, the control statements are accounted", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbarchitect-sql-'));
    const file = join(dir, 'transaction.sql');
    await writeFile(file, 'BEGIN;\nCREATE TABLE a (id int PRIMARY KEY);\nCOMMIT;\nCREATE TABLE b (id int PRIMARY KEY);\n');
    const read_ = await read(file);
    assert.deepEqual(
      read_.statements!.map((a) => [a.how, a.line]),
      [
        ['skipped', 1],
        ['executed', 2],
        ['skipped', 3],
        ['executed', 4],
      ],
    );
    assert.match(read_.statements![0]!.reason!, /transaction control/);
    assert.deepEqual(
      read_.schema.tables.map((t) => t.name),
      ['a', 'b'],
    );
  });
});
