import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { connectMysql } from '../src/engines/mysql.js';
import { startPglite } from '../src/engines/pglite.js';
import { freshDatabase, freshMysqlDatabase, mariadbServer } from './engines.js';
import { runCli } from './helpers.js';
import { serverUrl } from './servers.js';

const mariadb = mariadbServer();
const postgres = serverUrl('postgres');
const FIXTURE = new URL('./fixtures/existing/mysql-every-type.sql', import.meta.url);

async function everyTypeDatabase(t: TestContext): Promise<string> {
  const url = await freshMysqlDatabase(t, mariadb.url!);
  const writer = await connectMysql(url, { readOnly: false });
  try {
    await writer.exec(await readFile(FIXTURE, 'utf8'));
  } finally {
    await writer.close();
  }
  return url;
}

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

describe('dbarchitect switch-engine', () => {
  it('refuses bad input with exit 2: a PostgreSQL URL as the source, a bad --batch-rows, --apply with --validate', async () => {
    const notMysql = await runCli(['switch-engine', 'postgres://me@db/shop', '--to', 'postgres://me@pg/shop']);
    assert.equal(notMysql.status, 2);
    assert.match(notMysql.stderr, /error: postgres:\/\/me@db\/shop: the source must be a mysql:\/\/ or mariadb:\/\/ URL/);
    const rows = await runCli(['switch-engine', 'mysql://me@db/shop', '--to', 'postgres://me@pg/shop', '--batch-rows', '0']);
    assert.equal(rows.status, 2);
    assert.match(rows.stderr, /--batch-rows must be a whole number of rows, 1 or more, not `0`/);
    const both = await runCli(['switch-engine', 'mysql://me@db/shop', '--to', 'postgres://me@pg/shop', '--apply', '--validate']);
    assert.equal(both.status, 2);
    const noDatabase = await runCli(['switch-engine', 'mysql://me@db', '--to', 'postgres://me@pg/shop']);
    assert.equal(noDatabase.status, 2);
    assert.match(noDatabase.stderr, /name the database to switch in the URL/);
  });

  it('exits 3 on a server that does not answer, without printing the password', async () => {
    const run = await runCli(['switch-engine', 'mysql://me:s3cret-pw@127.0.0.1:1/shop', '--to', 'postgres://me:other-pw@127.0.0.1:1/shop']);
    assert.equal(run.status, 3);
    assert.match(run.stderr, /error: cannot connect to mysql:\/\/me:\*\*\*@127\.0\.0\.1:1\/shop/);
    assert.doesNotMatch(run.stderr + run.stdout, /s3cret-pw|other-pw/);
  });

  describe('on MariaDB', { skip: mariadb.skip }, () => {
    it('without --apply writes the DDL, the mappings and the cutover plan; the DDL runs on PostgreSQL', async (t) => {
      const url = await everyTypeDatabase(t);
      const out = join(await mkdtemp(join(tmpdir(), 'dbarchitect-switch-')), 'out');
      const run = await runCli(['switch-engine', url, '--to', 'postgres://me:target-pw@pg.invalid/shop', '-o', out]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /wrote .*out: cutover-plan\.json, cutover-plan\.md, foreign-keys\.sql, mappings\.json, schema\.sql\n/);
      assert.match(run.stderr, /5 tables, \d+ stated mappings; writes stop for about [\d.]+ s at the write switch/);
      assert.equal(run.stdout, '', 'nothing copied, no validation table');
      const files: Record<string, string> = Object.fromEntries(
        await Promise.all(
          ['schema.sql', 'foreign-keys.sql', 'mappings.json', 'cutover-plan.md', 'cutover-plan.json'].map(async (f) => [
            f,
            await readFile(join(out, f), 'utf8'),
          ]),
        ),
      );
      for (const [name, text] of Object.entries(files)) {
        assert.doesNotMatch(text, new RegExp(passwordOf(url).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') || 'no password given'), `${name} has no password`);
        assert.doesNotMatch(text, /target-pw/, `${name} has no password`);
      }
      assert.match(files['cutover-plan.md']!, /^# Engine switch: MariaDB [\d.]+ to PostgreSQL\n/);
      assert.match(files['cutover-plan.md']!, /\n### 7\. Switch writes \(about [\d.]+ s\)\n/);
      assert.match(files['cutover-plan.md']!, /\| events\.labels \| set\('red','green','blue'\) \| text\[\] \| set \|/);
      const mappings = JSON.parse(files['mappings.json']!) as { mappings: { rule: string }[] };
      assert.ok(mappings.mappings.some((m) => m.rule === 'zero-date'));

      // What the files say to run, run in their order on an empty PostgreSQL.
      const pglite = await startPglite();
      try {
        await pglite.exec(files['schema.sql']!);
        await pglite.exec(files['foreign-keys.sql']!);
        const tables = await pglite.query<{ name: string }>(
          `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
        );
        assert.deepEqual(
          tables.map((r) => r.name),
          ['blobs', 'customer', 'customer_tag', 'events', 'numbers'],
        );
      } finally {
        await pglite.close();
      }

      // A second run rewrites its own files; a file of the user's in the folder is never overwritten silently.
      assert.equal((await runCli(['switch-engine', url, '--to', 'postgres://pg.invalid/shop', '-o', out])).status, 0);
      await writeFile(join(out, 'schema.sql'), '-- my edits\n');
      const refused = await runCli(['switch-engine', url, '--to', 'postgres://pg.invalid/shop', '-o', out]);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /schema\.sql changed since dbarchitect wrote it/);
    });

    it('with --apply creates, copies and validates on PostgreSQL 15, printing progress and the validation table', { skip: postgres.skip }, async (t) => {
      const url = await everyTypeDatabase(t);
      const target = await freshDatabase(t, postgres.url!);
      const out = join(await mkdtemp(join(tmpdir(), 'dbarchitect-switch-')), 'out');
      const run = await runCli(['switch-engine', url, '--to', target, '-o', out, '--apply', '--batch-rows', '2']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /\ncustomer: batch 2, 3 of about 3 rows copied\n/);
      assert.match(run.stderr, /\nnumbers\.id: the identity restarts at 9007199254740994\n/);
      const lines = run.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^table +source rows +target rows +source sha256 +target sha256 +result$/);
      assert.equal(lines.length, 6);
      for (const line of lines.slice(1)) assert.match(line, /^\w+ +\d+ +\d+ +([0-9a-f]{16}) +\1 +equal$/);
      const validation = JSON.parse(await readFile(join(out, 'validation.json'), 'utf8')) as { validations: { equal: boolean }[] };
      assert.ok(validation.validations.every((v) => v.equal));
      assert.doesNotMatch(run.stderr + run.stdout, new RegExp(passwordOf(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') || 'no password given'));

      // Copying again into the same database is refused; --validate compares what is there.
      const again = await runCli(['switch-engine', url, '--to', target, '-o', out, '--apply']);
      assert.equal(again.status, 2);
      assert.match(again.stderr, /the target already has blobs, customer, customer_tag, events, numbers/);
      const check = await runCli(['switch-engine', url, '--to', target, '-o', out, '--validate']);
      assert.equal(check.status, 0, check.stderr);
      assert.match(check.stdout, /\nevents +3 +3 .* equal\n/);
    });
  });
});
