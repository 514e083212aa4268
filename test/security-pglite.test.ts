import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { seedPostgres } from '../src/dialects/postgres/seed-load.js';
import { freshSchema, sharedEngine } from './engines.js';
import { REFERENCE_SPEC, referenceDesign } from './helpers.js';

const engine = sharedEngine();

describe('security on PGlite', () => {
  it("row-level security: a non-superuser role of one tenant cannot read, insert or update another tenant's rows", async (t) => {
    await freshSchema(t, engine, 'rls');
    const result = await designFromFile(REFERENCE_SPEC, { engine });
    assert.ok(result.ok);
    assert.match(result.design.ddl[1]!.executedOn ?? '', /PGlite/, 'the security script ran on the engine');
    const security = result.design.security;
    assert.equal(security.rowLevelSecurity.length, 14, 'every tenant table has a policy (8 of the spec, 5 history tables, the snapshot)');

    // Two tenants' data, written as the superuser that owns the session.
    await engine.exec(
      `INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('Acme', 'acme', 'pro', 'billing@acme.test'), ('Globex', 'globex', 'free', 'billing@globex.test');`,
    );
    await engine.exec(`INSERT INTO customer (tenant_id, email) VALUES (1, 'a@acme.test'), (2, 'g@globex.test');`);
    await engine.exec(
      `INSERT INTO "order" (tenant_id, customer_id, status, total, currency, placed_at) SELECT tenant_id, id, 'paid', 10, 'USD', now() FROM customer;`,
    );

    await engine.exec(`SET ROLE saas_shop_app; SET app.tenant_id = '1';`);
    try {
      const who = await engine.query<{ user: string; super: boolean }>(
        'SELECT current_user AS user, rolsuper AS super FROM pg_roles WHERE rolname = current_user',
      );
      assert.deepEqual(who, [{ user: 'saas_shop_app', super: false }], 'the application role, not a superuser');
      assert.deepEqual(
        (await engine.query<{ email: string }>('SELECT email FROM customer ORDER BY id')).map((r) => r.email),
        ['a@acme.test'],
        'reads see only tenant 1',
      );
      assert.equal((await engine.query('SELECT * FROM "order"')).length, 1);
      await assert.rejects(
        engine.exec(`INSERT INTO customer (tenant_id, email) VALUES (2, 'evil@acme.test')`),
        /row-level security/,
        'insert into another tenant fails',
      );
      const updated = await engine.query(`UPDATE customer SET email = 'x@x.test' WHERE tenant_id = 2 RETURNING id`);
      assert.equal(updated.length, 0, "another tenant's rows cannot be updated");
      await assert.rejects(
        engine.exec(`UPDATE customer SET tenant_id = 2 WHERE tenant_id = 1`),
        /row-level security/,
        'a row cannot be moved to another tenant',
      );
      await engine.exec(`RESET app.tenant_id;`);
      assert.equal((await engine.query('SELECT * FROM customer')).length, 0, 'without the setting nothing is visible');
      await assert.rejects(engine.exec('DROP TABLE payment'), /must be owner/, 'the application cannot change the schema');
    } finally {
      await engine.exec('RESET ROLE;');
    }
    assert.equal((await engine.query(`SELECT email FROM customer WHERE tenant_id = 2`))[0]!.email, 'g@globex.test', 'tenant 2 untouched');
  });

  it('privileges follow each table: append-only for the application, no personal columns for reporting, forced RLS for the owner, defaults for later tables', async (t) => {
    const schema = await freshSchema(t, engine, 'grants');
    const result = await designFromFile(REFERENCE_SPEC, { engine });
    assert.ok(result.ok);
    assert.ok(
      result.design.ddl.every((c) => /PGlite/.test(c.executedOn ?? '')),
      'schema, security and jobs scripts ran',
    );
    await engine.exec(`INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('Acme', 'acme', 'pro', 'billing@acme.test');`);
    await engine.exec(`INSERT INTO customer (tenant_id, email, full_name) VALUES (1, 'a@acme.test', 'Ann');`);
    await engine.exec(`INSERT INTO product (tenant_id, sku, title, price) VALUES (1, 'p1', 'Pen', 2);`);
    const forced = await engine.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relrowsecurity AND relforcerowsecurity AND NOT relispartition ORDER BY relname`,
      [schema],
    );
    // every tenant table but the trigger-written history tables (their owner writes cascaded history, see design-security.ts)
    assert.deepEqual(
      forced.map((r) => r.relname).filter((n) => n.endsWith('_history')),
      [],
    );
    assert.equal(forced.length, 9, 'every tenant entity table, and the inventory snapshot, has RLS enabled and forced');
    const history = await engine.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relrowsecurity AND NOT relforcerowsecurity AND NOT relispartition ORDER BY relname`,
      [schema],
    );
    assert.ok(history.length > 0 && history.every((r) => r.relname.endsWith('_history')), 'history tables are under the policy too, not forced');

    await engine.exec(`SET ROLE saas_shop_app; SET app.tenant_id = '1';`);
    try {
      await engine.exec(`INSERT INTO inventory_event (tenant_id, product_id, delta, reason, occurred_at) VALUES (1, 1, 5, 'restock', now())`);
      assert.equal((await engine.query('SELECT * FROM inventory_event')).length, 1, 'the application adds and reads events');
      await assert.rejects(engine.exec('UPDATE inventory_event SET delta = 6'), /permission denied/, 'but cannot rewrite them');
      await assert.rejects(engine.exec('DELETE FROM inventory_event'), /permission denied/, 'nor erase them');
      await engine.exec(`UPDATE customer SET full_name = 'Anne'`);
    } finally {
      await engine.exec('RESET ROLE; RESET app.tenant_id;');
    }

    await engine.exec(`SET ROLE saas_shop_readonly; SET app.tenant_id = '1';`);
    try {
      await assert.rejects(engine.query('SELECT email FROM customer'), /permission denied/, 'GDPR: no personal column for reporting');
      await assert.rejects(engine.query('SELECT * FROM customer'), /permission denied/);
      assert.deepEqual(
        await engine.query('SELECT id, marketing_opt_in FROM customer'),
        [{ id: 1, marketing_opt_in: false }],
        'the other columns, of its tenant',
      );
      assert.equal((await engine.query('SELECT * FROM product')).length, 1, 'tables without personal data are readable whole');
    } finally {
      await engine.exec('RESET ROLE; RESET app.tenant_id;');
    }

    await engine.exec('SET ROLE saas_shop_owner;');
    try {
      assert.equal((await engine.query('SELECT * FROM customer')).length, 0, 'forced: the owner without a tenant sees nothing');
      await engine.exec('CREATE TABLE later (x int); INSERT INTO later VALUES (1);');
    } finally {
      await engine.exec('RESET ROLE;');
    }
    for (const role of ['saas_shop_app', 'saas_shop_readonly']) {
      await engine.exec(`SET ROLE ${role};`);
      try {
        assert.deepEqual(await engine.query('SELECT x FROM later'), [{ x: 1 }], `${role} reads a table the owner created later`);
      } finally {
        await engine.exec('RESET ROLE;');
      }
    }
  });

  it('personal data, erasure plan and retention for the reference spec', async () => {
    const result = await referenceDesign();
    const s = result.design.security;
    assert.deepEqual(
      s.personalData.map((p) => `${p.table}.${p.column}`),
      [
        'tenant.billing_email',
        'customer.email',
        'customer.full_name',
        'customer.phone',
        'payment.card_last4',
        // The history tables copy the personal data of the rows they keep.
        'tenant_history.billing_email',
        'customer_history.email',
        'customer_history.full_name',
        'customer_history.phone',
        'payment_history.card_last4',
      ],
    );
    assert.ok(s.personalData.find((p) => p.column === 'card_last4')!.handling.some((h) => /PCI-DSS: the last four digits may be stored/.test(h)));
    assert.equal(s.erasure?.subject, 'customer');
    assert.deepEqual(
      s.erasure!.steps.map((st) => [st.table, st.action, st.columns.join(',')]),
      [
        ['customer', 'anonymize', 'email,full_name,phone'],
        ['order', 'keep', ''],
        ['order_line', 'keep', ''],
        ['payment', 'anonymize', 'card_last4'],
        ['customer_history', 'anonymize', 'email,full_name,phone'],
        ['payment_history', 'anonymize', 'card_last4'],
      ],
    );
    assert.deepEqual(
      s.retention.map((r) => [r.table, r.days, r.method]),
      [
        ['order', 2557, 'batched-delete'],
        ['order_line', 2557, 'batched-delete'],
        ['payment', 2557, 'batched-delete'],
        ['inventory_event', 730, 'drop-partitions'],
      ],
    );
  });

  it("the erasure script removes one customer's personal data, and nobody else's", async (t) => {
    const result = await referenceDesign();
    const ddl = result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
    const erasure = result.artifacts.find((a) => a.path === 'schema/postgres-erasure.sql')!.content;
    await freshSchema(t, engine, 'erasure');
    await engine.exec(ddl);
    await seedPostgres(engine, result.design.schema, { largestRows: 20_000 });
    const [victim] = await engine.query<{ tenant_id: number; id: number }>(
      `SELECT c.tenant_id, c.id FROM customer c JOIN "order" o ON o.tenant_id = c.tenant_id AND o.customer_id = c.id JOIN payment p ON p.tenant_id = o.tenant_id AND p.order_id = o.id WHERE c.full_name IS NOT NULL AND p.card_last4 IS NOT NULL ORDER BY c.id LIMIT 1`,
    );
    assert.ok(victim, 'a customer with orders and payments');
    const others = await engine.query(`SELECT md5(string_agg(c::text, ',' ORDER BY id)) AS h FROM customer c WHERE NOT (tenant_id = $1 AND id = $2)`, [
      victim.tenant_id,
      victim.id,
    ]);
    const statements = erasure.split('\n').filter((line) => line.startsWith('UPDATE '));
    assert.equal(statements.length, 4, 'customer and payment, and their history tables');
    // an old version of the victim's row, with its personal data, in customer_history (written by the trigger)
    await engine.query('UPDATE customer SET full_name = full_name || $3 WHERE tenant_id = $1 AND id = $2', [victim.tenant_id, victim.id, ' (renamed)']);
    const kept = await engine.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM customer_history WHERE tenant_id = $1 AND id = $2 AND email IS NOT NULL AND email NOT LIKE $3',
      [victim.tenant_id, victim.id, 'erased-%'],
    );
    assert.equal(kept[0]!.n, 1, 'the history holds the old version');
    await engine.exec('BEGIN');
    for (const statement of statements) await engine.query(statement.replace(/;$/, ''), [victim.tenant_id, victim.id]);
    await engine.exec('COMMIT');
    const [after] = await engine.query<{ email: string; full_name: string | null; phone: string | null }>(
      'SELECT email, full_name, phone FROM customer WHERE tenant_id = $1 AND id = $2',
      [victim.tenant_id, victim.id],
    );
    assert.deepEqual(after, { email: `erased-${victim.id}@erased.invalid`, full_name: null, phone: null });
    const cards = await engine.query<{ n: number }>(
      `SELECT count(p.card_last4)::int AS n FROM payment p JOIN "order" o ON o.tenant_id = p.tenant_id AND o.id = p.order_id WHERE o.tenant_id = $1 AND o.customer_id = $2`,
      [victim.tenant_id, victim.id],
    );
    assert.equal(cards[0]!.n, 0, "no card digits left on the customer's payments");
    const history = await engine.query<{ email: string; full_name: string | null }>(
      'SELECT email, full_name FROM customer_history WHERE tenant_id = $1 AND id = $2',
      [victim.tenant_id, victim.id],
    );
    assert.ok(
      history.length >= 1 && history.every((h) => h.full_name === null && h.email.startsWith('erased-')),
      `the old versions are erased too: ${JSON.stringify(history)}`,
    );
    assert.deepEqual(
      await engine.query(`SELECT md5(string_agg(c::text, ',' ORDER BY id)) AS h FROM customer c WHERE NOT (tenant_id = $1 AND id = $2)`, [
        victim.tenant_id,
        victim.id,
      ]),
      others,
      'other customers untouched',
    );
  });
});
