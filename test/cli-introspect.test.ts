import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { connectPostgres } from '../src/engines/postgres.js';
import { freshDatabase } from './engines.js';
import { runCli } from './helpers.js';
import { serverUrl } from './servers.js';

const SHOP = 'test/fixtures/existing/shop-dump.sql';

describe('dbarchitect introspect on a SQL file', () => {
  it('prints a summary: tables with rows and sizes, native objects, statements not executed', async () => {
    const run = await runCli(['introspect', SHOP]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^test\/fixtures\/existing\/shop-dump\.sql: PostgreSQL 18\.\d+ \(PGlite [\d.]+\); schemas public, shop\n6 tables, 1 enum, 11 native objects\n/,
    );
    assert.match(run.stdout, /\n {2}customers +3 +[\d.]+ kB +[\d.]+ kB +7 columns, row security on\n/);
    assert.match(run.stdout, /\n {2}shop\.order_audit +\? .*1 reference/);
    assert.match(run.stdout, /\n {2}partition events_2026_11 \(on events\)\n/);
    assert.match(run.stdout, /\nStatements: 91 in the file, 69 executed, 0 read from the parse tree, 22 skipped\n/);
    assert.match(run.stdout, /\n {2}line 22: \\connect: skipped, a psql meta-command/);
  });

  it('prints the introspection as JSON with --json, and reads only the schemas named', async () => {
    const run = await runCli(['introspect', SHOP, '--json', '--schema', 'shop']);
    assert.equal(run.status, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as { schema: { tables: { name: string }[] }; source: { namespaces: string[] }; statements: unknown[] };
    assert.deepEqual(
      parsed.schema.tables.map((t) => t.name),
      ['order_audit'],
    );
    assert.deepEqual(parsed.source.namespaces, ['shop']);
    assert.equal(parsed.statements.length, 91);
  });

  it('-o writes a spec that design accepts, and never replaces a file without --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbarchitect-introspect-'));
    const spec = join(dir, 'shop.yaml');
    const written = await runCli(['introspect', SHOP, '-o', spec]);
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /wrote .*shop\.yaml: 6 tables as entities; \d+ things the spec cannot say/);
    const text = await readFile(spec, 'utf8');
    assert.match(text, /^# Written by dbarchitect from the file test\/fixtures\/existing\/shop-dump\.sql\./);
    assert.match(text, /# - view paid_orders: a view of a query the model does not hold/);
    const design = await runCli(['design', spec, '-o', join(dir, 'design')]);
    assert.equal(design.status, 0, design.stderr);
    await writeFile(spec, 'mine');
    const refused = await runCli(['introspect', SHOP, '-o', spec]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /the file exists; give another name, or --force to replace it/);
    assert.equal(await readFile(spec, 'utf8'), 'mine');
    const forced = await runCli(['introspect', SHOP, '-o', spec, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.notEqual(await readFile(spec, 'utf8'), 'mine');
  });

  it('refuses a missing file, a directory and an unknown scheme with exit 2, naming them', async () => {
    const missing = await runCli(['introspect', 'no/such/dump.sql']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no\/such\/dump\.sql.*no such file/);
    const dir = await runCli(['introspect', 'test/fixtures/existing']);
    assert.equal(dir.status, 2);
    assert.match(dir.stderr, /test\/fixtures\/existing.*not a regular file/);
    const binary = join(await mkdtemp(join(tmpdir(), 'dbarchitect-')), 'dump.custom');
    await writeFile(binary, Buffer.from([0x50, 0x47, 0x44, 0x4d, 0x50, 0, 1, 2]));
    const custom = await runCli(['introspect', binary]);
    assert.equal(custom.status, 2);
    assert.match(custom.stderr, /binary file, not SQL text/);
    const scheme = await runCli(['introspect', 'redis://user:hunter2@localhost/0']);
    assert.equal(scheme.status, 2);
    assert.match(scheme.stderr, /no reader for redis:\/\/ URLs/);
    assert.ok(!scheme.stderr.includes('hunter2'));
  });
});

const server = serverUrl('postgres');

/** Exit 3, one line on stderr, and the password nowhere. */
function assertEngineFailure(run: { status: number | null; stdout: string; stderr: string }, password: string, message: RegExp) {
  assert.equal(run.status, 3, run.stderr);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, message);
  assert.ok(!(run.stdout + run.stderr).includes(password), 'the password is never printed');
}

/** A TCP server on a free loopback port, closed when the test ends. */
async function listen(t: TestContext, onSocket: (socket: Socket) => void): Promise<number> {
  const open = new Set<Socket>();
  const s: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  // close() waits for every connection to end: a silent server's are ended here.
  t.after(() => new Promise<void>((resolve) => s.close(() => resolve()) && [...open].forEach((socket) => socket.destroy())));
  return (s.address() as { port: number }).port;
}

describe('dbarchitect introspect on a PostgreSQL server', { skip: server.skip }, () => {
  it('reads a database read-only, with the password never shown', async (t) => {
    const url = await freshDatabase(t, server.url!);
    const setup = await connectPostgres(url);
    await setup.exec(
      'CREATE TABLE accounts (id bigint PRIMARY KEY, tenant_id uuid NOT NULL, email text NOT NULL); INSERT INTO accounts VALUES (1, gen_random_uuid(), $$a@b$$); ANALYZE accounts;',
    );
    await setup.close();
    const run = await runCli(['introspect', url]);
    assert.equal(run.status, 0, run.stderr);
    const password = new URL(url).password;
    assert.ok(password && !(run.stdout + run.stderr).includes(password));
    assert.match(run.stdout, /:\*\*\*@.*PostgreSQL 1\d/);
    assert.match(run.stdout, /\n {2}accounts +1 +/);
    const json = JSON.parse((await runCli(['introspect', url, '--json'])).stdout) as { source: { kind: string }; statsSince: string | null };
    assert.equal(json.source.kind, 'live');
    assert.ok(json.statsSince);
    // The session it reads on refuses writes.
    const readOnly = await connectPostgres(url, { readOnly: true });
    try {
      await assert.rejects(readOnly.exec('CREATE TABLE sneaky (id int)'), /read-only transaction/);
    } finally {
      await readOnly.close();
    }
  });

  it('a wrong password, a missing database, a closed port, a silent server and a broken connection: exit 3, one line, no password', async (t) => {
    const base = new URL(server.url!);
    const secret = 'S3cret-never-shown';
    const withPassword = (change: (u: URL) => void) => {
      const u = new URL(base);
      u.password = secret;
      change(u);
      return u.toString();
    };
    assertEngineFailure(
      await runCli(['introspect', withPassword(() => {})]),
      secret,
      /^error: cannot connect to postgres:\/\/.*:\*\*\*@.*password authentication failed/,
    );
    const real = base.password;
    const missingDb = new URL(base);
    missingDb.pathname = '/no_such_database_here';
    assertEngineFailure(await runCli(['introspect', missingDb.toString()]), real, /database "no_such_database_here" does not exist/);
    const closed = await listen(t, (s) => s.destroy());
    assertEngineFailure(
      await runCli(['introspect', withPassword((u) => (u.port = String(closed)))]),
      secret,
      /cannot connect to postgres:\/\/.*:\*\*\*@127\.0\.0\.1:\d+.*: (Connection terminated|.*ECONNRESET|.*closed)/i,
    );
    const silent = await listen(t, () => undefined);
    assertEngineFailure(
      await runCli(['introspect', withPassword((u) => (u.port = String(silent))), '--connect-timeout', '0.5']),
      secret,
      /cannot connect to .*timeout/i,
    );
    // A proxy that passes the session through and cuts it when the first catalog query goes by.
    const proxy = await listen(t, (client) => {
      const upstream = connect(Number(base.port || 5432), base.hostname);
      client.on('data', (chunk) => {
        if (chunk.includes('pg_class')) {
          client.destroy();
          upstream.destroy();
        } else upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      for (const s of [client, upstream]) s.on('error', () => undefined).on('close', () => (s === client ? upstream : client).destroy());
    });
    const proxied = new URL(base);
    proxied.host = `127.0.0.1:${proxy}`;
    assertEngineFailure(
      await runCli(['introspect', proxied.toString()]),
      real,
      /^error: reading postgres:\/\/.*:\*\*\*@127\.0\.0\.1:\d+\/.* failed: Connection terminated/,
    );
  });
});

const mariadb = serverUrl('mysql');

describe('dbarchitect introspect and audit on a MariaDB server', { skip: mariadb.skip }, () => {
  it('mysql:// and mariadb:// URLs reach the MySQL reader, read only, the password never shown', async () => {
    const password = new URL(mariadb.url!).password;
    for (const url of [mariadb.url!, mariadb.url!.replace(/^mysql:/, 'mariadb:')]) {
      const run = await runCli(['introspect', url, '--json']);
      assert.equal(run.status, 0, run.stderr);
      const parsed = JSON.parse(run.stdout) as { source: { dialect: string; kind: string; serverVersion: string } };
      assert.equal(parsed.source.dialect, 'mysql');
      assert.equal(parsed.source.kind, 'live');
      assert.match(parsed.source.serverVersion, /MariaDB/);
      assert.ok(!`${run.stdout}${run.stderr}`.includes(password));
    }
    const audit = await runCli(['audit', mariadb.url!, '--format', 'json', '--fail-on', 'never']);
    assert.equal(audit.status, 0, audit.stderr);
    assert.ok(Array.isArray((JSON.parse(audit.stdout) as { diagnostics: unknown }).diagnostics));
    assert.ok(!`${audit.stdout}${audit.stderr}`.includes(password));
  });
});
