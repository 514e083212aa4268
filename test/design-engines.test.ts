import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { designFromSpec } from '../src/api/design.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { freshSchema, sharedEngine, testEngines } from './engines.js';
import { referenceLoaded } from './helpers.js';

async function designDdl(yaml: string): Promise<string> {
  const loaded = await loadSpecText('spec.yaml', yaml);
  assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics, null, 2));
  const result = await designFromSpec(loaded.loaded, loaded.diagnostics);
  assert.ok(result.ok);
  return result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
}

/** Every design test on each engine (PGlite, and a PostgreSQL server when given): one engine per suite, a schema per case. */
for (const target of testEngines()) {
  describe(`designs run on ${target.name}`, { skip: target.skip }, () => {
    const engine = sharedEngine(target);

    /** Applies DDL in a fresh schema and leaves search_path pointing at it. */
    async function applyInFreshSchema(t: TestContext, ddl: string): Promise<string> {
      const name = await freshSchema(t, engine, 'case');
      await engine.exec(ddl);
      return name;
    }

    const rejects = async (sql: string, pattern: RegExp) => {
      await assert.rejects(engine.exec(sql), (error: Error) => pattern.test(error.message));
    };

    it('the reference spec designs, and its DDL runs with the engine as evidence', async (t) => {
      const loaded = await referenceLoaded();
      const schema = await freshSchema(t, engine, 'reference');
      const result = await designFromSpec(loaded.loaded, loaded.diagnostics, { engine });
      assert.ok(result.ok);
      assert.deepEqual(
        result.diagnostics.map((d) => d.code),
        ['design/fold-over-expiring-events'],
        'only the snapshot warning',
      );
      assert.equal(result.design.ddl[0]!.executedOn, await engine.version());
      assert.match(result.design.ddl[0]!.executedOn ?? '', target.name === 'pglite' ? /^PostgreSQL 1[5-9]\.\d+ \(PGlite / : /^PostgreSQL (1[5-9]|[2-9]\d)\./);
      const tables = await engine.query<{ relname: string; relkind: string }>(
        `select relname, relkind from pg_class where relnamespace = $1::regnamespace and relkind in ('r', 'p') and not relispartition order by 1`,
        [schema],
      );
      assert.deepEqual(
        tables.map((t) => t.relname),
        [
          'category',
          'customer',
          'customer_history',
          'inventory_event',
          'inventory_event_snapshot',
          'order',
          'order_history',
          'order_line',
          'order_line_history',
          'payment',
          'payment_history',
          'product',
          'product_category',
          'product_history',
          'tenant',
          'tenant_history',
        ],
        "the spec's tables, plus the history and snapshot tables the modeling decisions choose",
      );
      assert.equal(tables.find((t) => t.relname === 'inventory_event')!.relkind, 'p', 'the largest append-only table is partitioned');
      const partitions = await engine.query<{ n: number }>(`select count(*)::int as n from pg_inherits where inhparent = $1::regclass`, [
        `${schema}.inventory_event`,
      ]);
      assert.equal(partitions[0]!.n, 24 + 3 + 1, '24 months back, 3 ahead, and the default');
      const fks = await engine.query<{ n: number }>(
        `select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = $1 and contype = 'f' and conparentid = 0`,
        [schema],
      );
      assert.equal(
        fks[0]!.n,
        result.design.schema.tables.reduce((sum, t) => sum + t.foreignKeys.length, 0),
      );
      const executed = result.design.decisions.filter((d) => d.evidence.some((e) => e.tier === 'executed'));
      assert.ok(executed.length >= 5, 'schema decisions carry executed evidence');
    });

    it('keyword-named tables and columns work', async (t) => {
      const ddl = await designDdl(`version: 1
name: keywords
entities:
  user:
    fields:
      from: date!
      to: date
      limit: int
      order: int
  group:
    fields:
      user: ref(user)!
      select: string(10)
  order:
    fields:
      group: ref(group)
      table: text
access_patterns:
  - name: groups_of_user
    sql: select g.id, g."select" from "group" g join "user" u on u.id = g.user_id where u."from" > :since order by g."select" limit 10
    rate: 1/s
`);
      assert.match(ddl, /CREATE TABLE "user" \(/);
      assert.match(ddl, /"from" date NOT NULL/);
      assert.match(ddl, /"limit" integer/);
      await applyInFreshSchema(t, ddl);
      await engine.exec(`INSERT INTO "user" ("from", "to", "limit", "order") VALUES ('2026-01-01', NULL, 5, 1);`);
      await engine.exec(`INSERT INTO "group" (user_id, "select") SELECT id, 'x' FROM "user";`);
      await engine.exec(`INSERT INTO "order" (group_id, "table") SELECT id, 't' FROM "group";`);
      const rows = await engine.query<{ n: number }>(`select count(*)::int as n from "order" o join "group" g on g.id = o.group_id`);
      assert.equal(rows[0]!.n, 1);
    });

    it('a cycle of required references designs, runs, and accepts rows inserted together', async (t) => {
      const ddl = await designDdl(`version: 1
name: cycle
entities:
  department:
    fields:
      name: string(50)!
      head: ref(employee)!
  employee:
    fields:
      name: string(50)!
      department: ref(department)!
`);
      assert.match(ddl, /ALTER TABLE \w+ ADD CONSTRAINT \w+ FOREIGN KEY .* DEFERRABLE INITIALLY DEFERRED;/);
      await applyInFreshSchema(t, ddl);
      await engine.exec(`BEGIN;
      INSERT INTO department (id, name, head_id) OVERRIDING SYSTEM VALUE VALUES (1, 'R&D', 10);
      INSERT INTO employee (id, name, department_id) OVERRIDING SYSTEM VALUE VALUES (10, 'Ada', 1);
      COMMIT;`);
      await rejects(`INSERT INTO department (id, name, head_id) OVERRIDING SYSTEM VALUE VALUES (2, 'Ops', 99);`, /violates foreign key constraint/);
    });

    it('a self-referencing many-to-many designs and runs', async (t) => {
      const ddl = await designDdl(`version: 1
name: social
entities:
  person:
    fields:
      name: string(80)!
      friends: many(person)
      manager: ref(person)
`);
      assert.match(ddl, /CREATE TABLE person_friends \(\n {2}person_id bigint NOT NULL,\n {2}friend_id bigint NOT NULL,/);
      await applyInFreshSchema(t, ddl);
      await engine.exec(`INSERT INTO person (name) VALUES ('a'), ('b');`);
      await engine.exec(`UPDATE person SET manager_id = (SELECT min(id) FROM person) WHERE name = 'b';`);
      await engine.exec(`INSERT INTO person_friends (person_id, friend_id) SELECT p.id, f.id FROM person p, person f WHERE p.id <> f.id;`);
      await rejects(`INSERT INTO person_friends (person_id, friend_id) VALUES (1, 999);`, /violates foreign key constraint/);
      await engine.exec(`DELETE FROM person WHERE name = 'a' AND manager_id IS NULL AND NOT EXISTS (SELECT 1 FROM person x WHERE x.manager_id = person.id);`);
    });

    it("shared-schema tenancy: a reference to another tenant's row is rejected by the database", async (t) => {
      const ddl = await designDdl(`version: 1
name: tenants
requirements:
  tenancy: shared-schema
entities:
  tenant:
    fields:
      name: string(50)!
  customer:
    fields:
      email: email!
  order:
    fields:
      customer: { type: ref(customer), on_delete: set_null }
      total: money!
`);
      await applyInFreshSchema(t, ddl);
      await engine.exec(`INSERT INTO tenant (name) VALUES ('acme'), ('globex');`);
      await engine.exec(`INSERT INTO customer (tenant_id, email) VALUES (1, 'a@acme.test'), (2, 'b@globex.test');`);
      const customers = await engine.query<{ id: number; tenant_id: number }>(`SELECT id, tenant_id FROM customer ORDER BY id`);
      const acmeCustomer = customers[0]!.id;
      const globexCustomer = customers[1]!.id;
      await engine.exec(`INSERT INTO "order" (tenant_id, customer_id, total) VALUES (1, ${acmeCustomer}, 10);`);
      await rejects(
        `INSERT INTO "order" (tenant_id, customer_id, total) VALUES (1, ${globexCustomer}, 10);`,
        /violates foreign key constraint "order_customer_id_fkey"/,
      );
      await rejects(`UPDATE "order" SET customer_id = ${globexCustomer} WHERE tenant_id = 1;`, /violates foreign key constraint/);
      // ON DELETE SET NULL (customer_id) clears only the reference, never the tenant.
      await engine.exec(`DELETE FROM customer WHERE id = ${acmeCustomer};`);
      const orders = await engine.query<{ tenant_id: number; customer_id: number | null }>(`SELECT tenant_id, customer_id FROM "order"`);
      assert.deepEqual(
        orders.map((o) => [Number(o.tenant_id), o.customer_id]),
        [[1, null]],
      );
      await rejects(`INSERT INTO customer (tenant_id, email) VALUES (1, 'not-an-email');`, /customer_email_format_check/);
    });
  });
}
