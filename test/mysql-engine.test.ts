import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { connectMysql } from '../src/engines/mysql.js';
import { freshMysqlDatabase, mariadbServer } from './engines.js';

const server = mariadbServer();

/** The connection error of `url`, asserted to name the redacted URL and to hold no password. */
async function connectError(url: string, passwords: readonly string[], options = {}): Promise<string> {
  const error = await connectMysql(url, options).then(
    async (engine) => {
      await engine.close();
      throw new Error(`connected to ${url.replace(/:[^:@/]*@/, ':***@')} but expected a failure`);
    },
    (e: Error) => e,
  );
  for (const password of passwords) assert.ok(!error.message.includes(password), `the message shows the password: ${error.message}`);
  for (const password of passwords) assert.ok(!(error.stack ?? '').includes(password), `the stack shows the password: ${error.stack}`);
  return error.message;
}

/** A port on loopback nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the MySQL/MariaDB driver: errors without the server', () => {
  it('a closed port gives a clear connection error with the password absent', async () => {
    const port = await closedPort();
    const message = await connectError(`mysql://app:S3cret-Closed@127.0.0.1:${port}/shop`, ['S3cret-Closed']);
    assert.match(message, new RegExp(`^cannot connect to mysql://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/shop: .*ECONNREFUSED`));
  });

  it('a server that never answers times out at connect, with the password absent', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const message = await connectError(`mariadb://app:S3cret-Silent@127.0.0.1:${port}/shop`, ['S3cret-Silent'], { connectTimeoutMs: 400 });
      assert.match(message, new RegExp(`^cannot connect to mariadb://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/shop: connect ETIMEDOUT`));
      assert.ok(Date.now() - started < 5_000, 'the connect timeout bounds the wait');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a URL of another database, or no URL at all, says what is expected', async () => {
    assert.match(await connectError('postgres://app:S3cret-Pg@127.0.0.1/shop', ['S3cret-Pg']), /expected a mysql:\/\/ or mariadb:\/\/ URL, not postgres:\/\//);
    assert.match(await connectError('not a url', []), /not a URL: expected one such as mysql:\/\/host:3306\/database, with user:password@ before the host/);
  });
});

describe('the MySQL/MariaDB driver on MariaDB', { skip: server.skip }, () => {
  const password = () => decodeURIComponent(new URL(server.url!).password);

  it('connects, says which server it is and bounds the session', async () => {
    const engine = await server.start();
    try {
      assert.equal(engine.kind, 'mariadb');
      assert.match(await engine.version(), /^MariaDB \d+\.\d+\.\d+$/);
      const [row] = await engine.query<{ statement: number; locks: number; innodb: number; readOnly: number; zone: string }>(
        'SELECT @@max_statement_time AS statement, @@lock_wait_timeout AS locks, @@innodb_lock_wait_timeout AS innodb, @@tx_read_only AS readOnly, @@time_zone AS zone',
      );
      assert.deepEqual({ ...row, statement: Number(row!.statement) }, { statement: 60, locks: 5, innodb: 5, readOnly: 1, zone: '+00:00' });
      assert.deepEqual(await engine.query('SELECT ? + 1 AS n', [41]), [{ n: 42 }]);
    } finally {
      await engine.close();
    }
  });

  it('a statement running past the timeout is stopped', async () => {
    const engine = await connectMysql(server.url!, { statementTimeoutMs: 300 });
    try {
      const started = Date.now();
      await assert.rejects(engine.query('SELECT SLEEP(5) AS slept'), /max_statement_time exceeded/);
      assert.ok(Date.now() - started < 3_000, `stopped after ${Date.now() - started} ms`);
    } finally {
      await engine.close();
    }
  });

  it('the session is read-only by default: DDL and writes fail; a writable session is asked for', async (t) => {
    const url = await freshMysqlDatabase(t, server.url!);
    const writer = await connectMysql(url, { readOnly: false });
    try {
      await writer.exec('CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)');
    } finally {
      await writer.close();
    }
    const reader = await connectMysql(url);
    try {
      await assert.rejects(reader.exec('CREATE TABLE u (id int)'), /READ ONLY transaction/);
      await assert.rejects(reader.exec('INSERT INTO t VALUES (2)'), /READ ONLY transaction/);
      assert.deepEqual(await reader.query('SELECT id FROM t'), [{ id: 1 }]);
    } finally {
      await reader.close();
    }
  });

  it('a wrong password gives a clear error with neither password in it', async () => {
    const wrong = new URL(server.url!);
    wrong.password = 'Wrong-Pw-5x2m';
    const message = await connectError(wrong.toString(), ['Wrong-Pw-5x2m', password()]);
    assert.match(message, /^cannot connect to mysql:\/\/dbarchitect:\*\*\*@127\.0\.0\.1:3306\/\w+: Access denied for user 'dbarchitect'/);
  });

  it('a missing database gives a clear error with the password absent', async () => {
    const missing = new URL(server.url!);
    missing.pathname = '/dbarchitect_h_missing';
    const message = await connectError(missing.toString(), [password()]);
    assert.match(
      message,
      /^cannot connect to mysql:\/\/dbarchitect:\*\*\*@127\.0\.0\.1:3306\/dbarchitect_h_missing: .*Unknown database 'dbarchitect_h_missing'/,
    );
  });

  it('a connection the server closes says so on the next statement, with the password absent', async () => {
    const engine = await connectMysql(server.url!);
    try {
      const [row] = await engine.query<{ id: number }>('SELECT CONNECTION_ID() AS id');
      const killer = await connectMysql(server.url!, { readOnly: false });
      try {
        await killer.exec(`KILL ${row!.id}`);
      } finally {
        await killer.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const error = await engine.query('SELECT 1').catch((e: Error) => e);
      assert.ok(error instanceof Error);
      assert.match(
        error.message,
        /^the connection to mysql:\/\/dbarchitect:\*\*\*@127\.0\.0\.1:3306\/\w+ was lost: Connection lost: The server closed the connection\.$/,
      );
      assert.ok(!error.message.includes(password()));
    } finally {
      await engine.close();
    }
  });

  it('a failing statement keeps the password out of its error', async () => {
    const engine = await server.start();
    try {
      const error = await engine.query(`SELECT * FROM no_such_table_${'x'} WHERE note = '${password()}'`).catch((e: Error) => e);
      assert.ok(error instanceof Error);
      assert.match(error.message, /no_such_table_x/);
      assert.ok(!error.message.includes(password()), error.message);
    } finally {
      await engine.close();
    }
  });
});
