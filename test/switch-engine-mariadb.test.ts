import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { switchEngine } from '../src/api/switch-engine.js';
import { connectMysql } from '../src/engines/mysql.js';
import { freshMysqlDatabase, freshSchema, mariadbServer, sharedEngine, testEngines } from './engines.js';

const mariadb = mariadbServer();
const FIXTURE = readFileSync(new URL('./fixtures/existing/mysql-every-type.sql', import.meta.url), 'utf8');

/** A fresh MariaDB database with every MySQL type loaded (the fixture sets its own sql_mode, allowing zero dates). */
async function everyTypeDatabase(t: TestContext): Promise<string> {
  const url = await freshMysqlDatabase(t, mariadb.url!);
  const writer = await connectMysql(url, { readOnly: false });
  try {
    await writer.exec(FIXTURE);
  } finally {
    await writer.close();
  }
  return url;
}

/**
 * sha256 over each table's canonical rows, as both sides must give it: written down once, so a
 * change to the canonical form, the conversions or the fixture shows here.
 */
const CHECKSUMS: Readonly<Record<string, string>> = {
  blobs: '5d9f07abf43f06a3f6f3ec0ad32157ad839d0f50fd8130c8d3fde703f106282b',
  customer: 'e323702ae9f7e1126062a36980657a4e59d62a0087ced07118ca29c80ab95018',
  customer_tag: '90ff2a7222520d07f92fb6046480ea85dd049820f8893c618ef8147f20ce6230',
  events: '9f8f68f30d4f3124a0dec658697931fc9df9093202931cba8905ba9088d32d3f',
  numbers: 'e92446ab8b03c9bcbb4454d70ceed1c722a76aafece8a461bfdd7286ced2f796',
};

describe('switch-engine from MariaDB to PostgreSQL', { skip: mariadb.skip }, () => {
  for (const target of testEngines()) {
    describe(`to ${target.name}`, { skip: target.skip }, () => {
      const engine = sharedEngine(target);

      it('copies every MySQL type in key batches; every table has equal counts and checksums on both sides', async (t) => {
        const url = await everyTypeDatabase(t);
        await freshSchema(t, engine, 'switch');
        const progress: string[] = [];
        const result = await switchEngine(url, 'postgres://unused', {
          targetEngine: engine,
          apply: true,
          batchRows: 2,
          onProgress: (p) => progress.push(`${p.table} ${p.batch} ${p.copied}`),
        });
        assert.ok(result.ok, result.ok ? '' : result.message);
        assert.deepEqual(
          result.validations!.map((v) => [v.table, v.sourceRows, v.targetRows, v.equal]),
          [
            ['blobs', 2, 2, true],
            ['customer', 3, 3, true],
            ['customer_tag', 4, 4, true],
            ['events', 3, 3, true],
            ['numbers', 3, 3, true],
          ],
        );
        for (const v of result.validations!) {
          assert.equal(v.sourceChecksum, v.targetChecksum, v.table);
          assert.equal(v.targetChecksum, CHECKSUMS[v.table], `${v.table}: the canonical checksum`);
        }
        // Batches of 2 rows: parents first, a table of 3 rows in two batches.
        assert.deepEqual(progress, [
          'blobs 1 2',
          'customer 1 2',
          'customer 2 3',
          'customer_tag 1 2',
          'customer_tag 2 4',
          'events 1 2',
          'events 2 3',
          'numbers 1 2',
          'numbers 2 3',
        ]);
        assert.deepEqual(
          result.identities!.map((i) => `${i.table}.${i.column} ${i.next}`),
          ['customer.id 8', 'events.id 1003', 'numbers.id 9007199254740994'],
        );

        // The values as PostgreSQL holds them, by the stated mappings.
        const [event] = await engine.query<Record<string, string | null>>(
          `SELECT labels::text AS labels, kind::text AS kind, extract(epoch from seen_at)::text AS seen, payload->'b'->>1 AS digits, encode(spot, 'hex') AS spot FROM events WHERE id = 1000`,
        );
        assert.deepEqual(event, {
          labels: '{red,blue}',
          kind: 'click',
          seen: '1709208000.000000',
          digits: '2.50',
          spot: '01010000009a999999999913408fc2f5285c2f4a40',
        });
        const [zero] = await engine.query<Record<string, string | null>>(
          `SELECT due_on::text AS due, logged_at::text AS logged, duration::text AS span FROM events WHERE id = 1001`,
        );
        assert.deepEqual(zero, { due: null, logged: null, span: '-838:59:59' });
        const [n] = await engine.query<Record<string, string>>(
          `SELECT b_unsigned::text AS b, flags::text AS flags, ratio::text AS ratio, counter::text AS counter FROM numbers WHERE id = 1`,
        );
        assert.deepEqual(n, { b: '18446744073709551615', flags: '1010101010', ratio: '3.14159', counter: '5' });
        const [fresh] = await engine.query<{ id: string }>(
          `INSERT INTO customer (email, name, code) VALUES ('dee@example.com', 'Dee', 'D004') RETURNING id::text AS id`,
        );
        assert.equal(fresh!.id, '8', 'the identity restarted past the source counter and the copied maximum');
        if (target.name === 'postgres') {
          // Case- and accent-insensitive as utf8mb4_general_ci was: the unique key still rejects another spelling of Ann's address.
          assert.equal(result.targetDiagnostics, undefined);
          await assert.rejects(
            engine.query(`INSERT INTO customer (email, name, code) VALUES ('ANN@example.com', 'x', 'x')`),
            /duplicate key value violates unique constraint "email_key"/,
          );
          const [found] = await engine.query<{ name: string }>(`SELECT name FROM customer WHERE name = 'bob ünïcode ✓'`);
          assert.equal(found?.name, 'Bób Ünïcode ✓');
        } else {
          // PGlite's ICU has no locale data: the collation is made but compares case, and the switch says so.
          assert.deepEqual(
            result.targetDiagnostics?.map((d) => d.code),
            ['switch/collation-not-case-insensitive'],
          );
        }
        const [fk] = await engine.query<{ validated: boolean }>(`SELECT convalidated AS validated FROM pg_constraint WHERE conname = 'customer_tag_customer'`);
        assert.equal(fk!.validated, true);
      });

      it('a changed or missing target row fails the validation, naming the table and the first differing key', async (t) => {
        const url = await everyTypeDatabase(t);
        await freshSchema(t, engine, 'switch');
        const copied = await switchEngine(url, 'postgres://unused', { targetEngine: engine, apply: true });
        assert.ok(copied.ok, copied.ok ? '' : copied.message);
        await engine.exec(`UPDATE events SET labels = '{green}' WHERE id = 1000; DELETE FROM customer_tag WHERE customer_id = 2;`);
        const checked = await switchEngine(url, 'postgres://unused', { targetEngine: engine, validateOnly: true, batchRows: 3 });
        assert.equal(checked.ok, false);
        assert.ok(!checked.ok);
        assert.equal(checked.failure, 'mismatch');
        assert.equal(checked.message, '2 of 5 tables differ: customer_tag, events');
        const byTable = new Map(checked.report!.validations!.map((v) => [v.table, v]));
        assert.deepEqual(byTable.get('events')!.mismatch, { key: { id: '1000' }, column: 'labels', source: '["blue","red"]', target: '["green"]' });
        assert.equal(byTable.get('events')!.sourceChecksum, CHECKSUMS.events);
        assert.notEqual(byTable.get('events')!.targetChecksum, CHECKSUMS.events);
        // Rows compare by position in key order: the row after the deleted one is the first that differs.
        assert.deepEqual(byTable.get('customer_tag')!.mismatch!.key, { customer_id: '2', tag: 'vip' });
        assert.equal(byTable.get('customer_tag')!.targetRows, 3);
        assert.equal(byTable.get('customer')!.equal, true);
      });

      it('refuses to copy into a target that already has the tables', async (t) => {
        const url = await everyTypeDatabase(t);
        await freshSchema(t, engine, 'switch');
        await engine.exec('CREATE TABLE customer (id int)');
        const result = await switchEngine(url, 'postgres://unused', { targetEngine: engine, apply: true });
        assert.ok(!result.ok);
        assert.equal(result.failure, 'input');
        assert.match(result.message, /^the target already has customer: the switch creates its tables and copies into empty ones only/);
        const [row] = await engine.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = current_schema()`);
        assert.equal(row!.n, '1', 'nothing else was created');
      });
    });
  }
});
