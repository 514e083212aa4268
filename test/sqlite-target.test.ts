import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { getDdlTarget } from '../src/dialects/targets.js';
import { ddlCheckerFor } from '../src/engines/ddl-checkers/index.js';
import type { Schema } from '../src/model/schema.js';
import { compareGolden } from './golden-file.js';
import { REFERENCE_SPEC, ROOT, runCli } from './helpers.js';
import { designedSchema, specLabel } from './orm/designs.js';
import { expectedSqliteTable, expectedSqliteTriggers, readSqliteTable } from './sqlite-readback.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'sqlite-keywords.yaml');
const SHARED_SPECS = '/work/shared/specs';
const yamlIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(dir, f))
    : [];
const SPECS = [...new Set([REFERENCE_SPEC, ...yamlIn(join(ROOT, 'examples')), ...yamlIn(SHARED_SPECS), FIXTURE])];

const target = getDdlTarget('sqlite')!;
const checker = ddlCheckerFor('sqlite')!;

/** The script run on a fresh in-memory database with foreign keys on, as an application would open it. */
function openWith(sql: string) {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(sql);
  return db;
}

describe('the SQLite target', () => {
  before(() => target.prepare());

  for (const file of SPECS) {
    it(`${specLabel(file)}: the script runs on SQLite and reads back as the model (columns, keys, foreign keys, indexes, triggers, views)`, async () => {
      const schema = await designedSchema(file);
      const script = target.emitSchema(schema);
      const result = await checker.check(script.sql, {});
      assert.equal(result.status, 'checked', JSON.stringify(result));
      assert.ok(result.status === 'checked' && result.statements === script.statements && result.executedOn?.startsWith('SQLite 3.'));
      const db = openWith(script.sql);
      try {
        for (const table of schema.tables) assert.deepEqual(readSqliteTable(db, table.name), expectedSqliteTable(table), table.name);
        const objects = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'view', 'trigger')").all() as {
          type: string;
          name: string;
          sql: string;
        }[];
        assert.deepEqual(
          objects
            .filter((o) => o.type === 'table')
            .map((o) => o.name)
            .sort(),
          schema.tables.map((t) => t.name).sort(),
        );
        assert.deepEqual(
          objects
            .filter((o) => o.type === 'trigger')
            .map((o) => o.name)
            .sort(),
          expectedSqliteTriggers(schema),
        );
        for (const view of schema.views ?? []) {
          const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(view.name) as { name: string }[]).map((c) => c.name);
          assert.deepEqual(
            columns,
            view.columns.map((c) => c.name),
            view.name,
          );
        }
        // Deferral is not in any PRAGMA: the table's stored statement says it.
        for (const table of schema.tables) {
          const sql = objects.find((o) => o.name === table.name)!.sql;
          for (const fk of table.foreignKeys) {
            const declared = new RegExp(
              `CONSTRAINT ${target.quoteIdentifier(fk.name).replace(/"/g, '"')} FOREIGN KEY [^\\n]*DEFERRABLE INITIALLY DEFERRED`,
            ).test(sql);
            assert.equal(declared, fk.deferrable, `${table.name}.${fk.name}`);
          }
        }
      } finally {
        db.close();
      }
    });
  }

  it('writes the same bytes for the same schema', async () => {
    const schema = await designedSchema(REFERENCE_SPEC);
    assert.equal(target.emitSchema(structuredClone(schema)).sql, target.emitSchema(schema).sql);
  });

  it('the reference spec: schema/sqlite.sql matches its golden file, and says what it substituted', async () => {
    const script = target.emitSchema(await designedSchema(REFERENCE_SPEC));
    compareGolden(join(ROOT, 'test', 'golden', 'saas-shop', 'schema', 'sqlite.sql'), script.sql);
    const features = script.substitutions.map((s) => s.feature);
    for (const feature of [
      'INCLUDE columns',
      'materialized view',
      'range partitioning',
      'row-level security',
      'exact decimal(19,4)',
      'enum type',
      'identity in a composite primary key',
    ])
      assert.ok(features.includes(feature), `${feature} in ${features.join('; ')}`);
    // SQLite has partial indexes: the reference spec's are kept, not substituted.
    assert.ok(!features.some((f) => /partial/.test(f)));
    assert.match(script.sql, /CREATE INDEX order_tenant_id_placed_at_paid_idx ON "order" \(tenant_id, placed_at\) WHERE status = 'paid';/);
    assert.match(script.sql, /^PRAGMA foreign_keys = ON;$/m);
    const view = script.substitutions.find((s) => s.feature === 'materialized view')!;
    assert.equal(view.object, 'daily_revenue_mv');
  });

  describe('the reference spec on SQLite, row by row', () => {
    let db: InstanceType<typeof Database>;
    let schema: Schema;
    before(async () => {
      schema = await designedSchema(REFERENCE_SPEC);
      db = openWith(target.emitSchema(schema).sql);
    });
    after(() => db?.close());

    it('numbers rows, keeps decimals exact as scaled integers, writes history and running totals, and the view sums', () => {
      const tenant = db.prepare("INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('Shop', 'shop', 'pro', 'a@shop.example') RETURNING id").get() as {
        id: number;
      };
      const customer = db.prepare("INSERT INTO customer (tenant_id, email) VALUES (?, 'c@x.example') RETURNING id").get(tenant.id) as { id: number };
      const product = db
        .prepare("INSERT INTO product (tenant_id, sku, title, price) VALUES (?, 'sku-1', 'Mug', 123400) RETURNING id, status, currency")
        .get(tenant.id) as {
        id: number;
        status: string;
        currency: string;
      };
      assert.deepEqual([product.status, product.currency], ['draft', 'USD'], 'defaults');
      const now = (db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS t").get() as { t: string }).t;
      const order = db
        .prepare("INSERT INTO \"order\" (tenant_id, customer_id, status, total, currency, placed_at) VALUES (?, ?, 'paid', 246800, 'USD', ?) RETURNING id")
        .get(tenant.id, customer.id, now) as { id: number };
      db.prepare('INSERT INTO order_line (tenant_id, order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, 2, 123400)').run(
        tenant.id,
        order.id,
        product.id,
      );
      db.prepare('UPDATE "order" SET status = \'shipped\' WHERE id = ?').run(order.id);
      const history = db.prepare('SELECT history_operation, history_by, status FROM order_history').all();
      assert.deepEqual(history, [{ history_operation: 'UPDATE', history_by: 'sqlite', status: 'paid' }], 'the old row');
      for (const delta of [5, -2]) {
        db.prepare("INSERT INTO inventory_event (tenant_id, product_id, delta, reason, occurred_at) VALUES (?, ?, ?, 'restock', ?)").run(
          tenant.id,
          product.id,
          delta,
          now,
        );
      }
      assert.deepEqual(db.prepare('SELECT sum_delta FROM inventory_event_snapshot').all(), [{ sum_delta: 3 }]);
      const day = `${now.slice(0, 10)}T00:00:00.000Z`;
      assert.deepEqual(db.prepare('SELECT tenant_id, day, sum_total FROM daily_revenue_mv').all(), [{ tenant_id: tenant.id, day, sum_total: 246800 }]);
    });

    it('rejects what PostgreSQL rejects: wrong types, orphans, bad formats, values outside an enum or a length', () => {
      const rejects = (sql: string, message: RegExp) => assert.throws(() => db.exec(sql), message, sql);
      rejects("INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('T', 't2', 'gold', 'a@b.example')", /CHECK constraint failed/);
      rejects(
        "INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('T', 't2', 'pro', 'not an email')",
        /CHECK constraint failed: tenant_billing_email_format_check/,
      );
      rejects(
        `INSERT INTO tenant (name, slug, plan, billing_email) VALUES ('T', '${'s'.repeat(61)}', 'pro', 'a@b.example')`,
        /CHECK constraint failed: length\(slug\) <= 60/,
      );
      rejects("INSERT INTO customer (tenant_id, email) VALUES (9999, 'c@x.example')", /FOREIGN KEY constraint failed/);
      rejects(
        "INSERT INTO product (tenant_id, sku, title, price) VALUES (1, 'sku-2', 'Mug', 'cheap')",
        /cannot store TEXT value in INTEGER column product.price/,
      );
      rejects("INSERT INTO product (tenant_id, sku, title, price, currency) VALUES (1, 'sku-2', 'Mug', 1, 'EURO')", /CHECK constraint failed/);
      rejects(
        "INSERT INTO \"order\" (tenant_id, customer_id, status, total, currency, placed_at) VALUES (1, 1, 'paid', 1, 'USD', '2026-01-01 10:00:00')",
        /CHECK constraint failed/,
      );
    });
  });

  describe('the keyword fixture on SQLite, row by row', () => {
    let db: InstanceType<typeof Database>;
    before(async () => {
      db = openWith(target.emitSchema(await designedSchema(FIXTURE)).sql);
    });
    after(() => db?.close());

    it('generates v4 UUIDs that pass its own CHECK', () => {
      for (let i = 0; i < 50; i++) {
        const { id } = db.prepare("INSERT INTO tenant (name) VALUES ('t') RETURNING id").get() as { id: string };
        assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    });

    it('checks the deferrable cycle at commit: rows that reference each other go in one transaction, a dangling one fails', () => {
      const tenant = (db.prepare('SELECT id FROM tenant LIMIT 1').get() as { id: string }).id;
      const k = '00000000-0000-4000-8000-000000000001';
      const v = '00000000-0000-4000-8000-000000000002';
      db.transaction(() => {
        db.prepare('INSERT INTO "key" (id, tenant_id, current_id) VALUES (?, ?, ?)').run(k, tenant, v);
        db.prepare('INSERT INTO "values" (id, tenant_id, key_id, "to") VALUES (?, ?, ?, ?)').run(v, tenant, k, 'x');
      })();
      assert.throws(
        () => db.transaction(() => db.prepare('INSERT INTO "key" (tenant_id, current_id) VALUES (?, ?)').run(tenant, '00000000-0000-4000-8000-00000000ffff'))(),
        /FOREIGN KEY constraint failed/,
      );
    });

    it('SET NULL on the composite reference clears the owner and keeps the tenant', () => {
      const tenant = (db.prepare('SELECT id FROM tenant LIMIT 1').get() as { id: string }).id;
      const user = (db.prepare("INSERT INTO user (tenant_id, handle, email) VALUES (?, 'ann', 'ann@x.example') RETURNING id").get(tenant) as { id: string }).id;
      db.prepare('INSERT INTO "group" (tenant_id, "select", owner_id) VALUES (?, ?, ?)').run(tenant, 'admins', user);
      db.prepare('DELETE FROM user WHERE id = ?').run(user);
      assert.deepEqual(db.prepare('SELECT tenant_id, owner_id FROM "group"').all(), [{ tenant_id: tenant, owner_id: null }]);
    });

    it('stores decimals scaled and keeps the range check in stored units', () => {
      const tenant = (db.prepare('SELECT id FROM tenant LIMIT 1').get() as { id: string }).id;
      const user = (db.prepare("INSERT INTO user (tenant_id, handle, email) VALUES (?, 'bob', 'bob@x.example') RETURNING id").get(tenant) as { id: string }).id;
      const insert = (check: number) =>
        db
          .prepare('INSERT INTO "order" (tenant_id, user_id, "check", "from", "when") VALUES (?, ?, ?, ?, ?)')
          .run(tenant, user, check, '2026-03-18', '2026-03-18T10:00:00.000Z');
      insert(1); // 0.01, the spec's minimum
      assert.throws(() => insert(0), /CHECK constraint failed: order_check_check/);
    });
  });

  it('writes the format checks with GLOB so they accept exactly what the PostgreSQL patterns accept', async () => {
    const script = target.emitSchema(await designedSchema(REFERENCE_SPEC));
    const db = openWith(script.sql);
    try {
      // PostgreSQL: email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$', phone ~ '^\+[1-9][0-9]{6,14}$' (\s: space, \t, \n, \v, \f, \r).
      const email = /^[^@ \t\n\v\f\r]+@[^@ \t\n\v\f\r]+\.[^@ \t\n\v\f\r]+$/i;
      const phone = /^\+[1-9][0-9]{6,14}$/;
      const emails = [
        'a@b.co',
        'a.b@c.d.e',
        '@b.co',
        'a@.co',
        'a@b.',
        'a@b',
        'a@@b.co',
        'a@b@c.co',
        'a b@c.co',
        'a@b.c\to',
        'a@b.c\n',
        '.@..',
        'a@b..c',
        'ü@ß.de',
      ];
      const phones = ['+1234567', '+123456', '+123456789012345', '+1234567890123456', '+0234567', '1234567', '+12345a7', '+ 1234567', '+12345678'];
      const passes = (table: string, check: string, value: string) => {
        const sql = (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(table) as { sql: string }).sql;
        const condition = new RegExp(`CONSTRAINT ${check} CHECK \\((.*)\\)(,|\\n)`).exec(sql)![1]!;
        const column = table === 'tenant' ? 'billing_email' : 'phone';
        return (db.prepare(`SELECT (${condition.replaceAll(column, '@value')}) AS ok`).get({ value }) as { ok: number }).ok === 1;
      };
      for (const value of emails) assert.equal(passes('tenant', 'tenant_billing_email_format_check', value), email.test(value), JSON.stringify(value));
      for (const value of phones) assert.equal(passes('customer', 'customer_phone_format_check', value), phone.test(value), value);
    } finally {
      db.close();
    }
  });

  describe('dbarchitect design --dialect postgres,sqlite', () => {
    const out = mkdtempSync(join(tmpdir(), 'dbarchitect-sqlite-'));
    after(() => rmSync(out, { recursive: true, force: true }));

    it('writes schema/sqlite.sql next to schema/postgres.sql, says it ran on SQLite, and records the check in design.json', async () => {
      const run = await runCli(['design', REFERENCE_SPEC, '--dialect', 'postgres,sqlite', '--no-engine', '-o', out]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(
        run.stderr + run.stdout,
        /schema\/sqlite\.sql: \d+ statements, parsed by SQLite 3\.\d+\.\d+, executed on SQLite 3\.\d+\.\d+; \d+ features substituted/,
      );
      assert.equal(
        readFileSync(join(out, 'schema', 'sqlite.sql'), 'utf8'),
        readFileSync(join(ROOT, 'test', 'golden', 'saas-shop', 'schema', 'sqlite.sql'), 'utf8'),
      );
      assert.ok(existsSync(join(out, 'schema', 'postgres.sql')));
      const design = JSON.parse(readFileSync(join(out, 'design.json'), 'utf8'));
      const check = design.ddl.find((d: { dialect: string }) => d.dialect === 'sqlite');
      assert.equal(check.file, 'schema/sqlite.sql');
      assert.match(check.executedOn, /^SQLite 3\./);
      assert.ok(check.substitutions.some((s: { feature: string }) => s.feature === 'row-level security'));
      assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /## Other dialects[\s\S]*schema\/sqlite\.sql/);
    });
  });
});
