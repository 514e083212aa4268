import { randomBytes } from 'node:crypto';
import { after, before, type TestContext } from 'node:test';
import type { Engine } from '../src/engines/engine.js';
import { connectMysql, type MysqlOptions } from '../src/engines/mysql.js';
import { startPglite } from '../src/engines/pglite.js';
import { connectPostgres } from '../src/engines/postgres.js';
import { serverUrl } from './servers.js';

/**
 * The engines the engine tests run on, and how a test gets one. PGlite always; a PostgreSQL server
 * when DBARCHITECT_PG_URL is set (and required when DBARCHITECT_REQUIRE_SERVERS=1, see servers.ts).
 * Starting PGlite costs seconds (mostly initdb), so a file starts each engine once
 * (`sharedEngine`) and gives each test a schema of its own (`freshSchema`).
 */
export interface TestEngine {
  readonly name: 'pglite' | 'postgres' | 'mariadb';
  /** Why the engine's tests are skipped here, or false when it is there. */
  readonly skip: string | false;
  start(): Promise<Engine>;
}

export const PGLITE: TestEngine = { name: 'pglite', skip: false, start: () => startPglite() };

/** The session lock a server test holds while it runs (any bigint, the same in every test). */
const SERVER_TESTS_LOCK = 7_317_001;

/**
 * A PostgreSQL server, when one is given; throws at once when one is required and missing.
 * `start` connects and waits for the server tests' session lock, held until the engine is closed:
 * test files run at once (and test runs of other checkouts on the same server) take turns on it.
 * The designs' roles are the cluster's, not a schema's, and two sessions running the security
 * script at one moment both find a role missing and both create it. So a test holds one started
 * engine at a time; a second `start` in the same test would wait for the first to close.
 */
export function postgresServer(): TestEngine {
  const server = serverUrl('postgres');
  return {
    name: 'postgres',
    skip: server.skip,
    async start() {
      const engine = await connectPostgres(server.url!);
      try {
        // A session lock, kept after COMMIT; the longer waits only for taking it.
        await engine.exec(
          `BEGIN; SET LOCAL lock_timeout = '300s'; SET LOCAL statement_timeout = '300s'; SELECT pg_advisory_lock(${SERVER_TESTS_LOCK}); COMMIT;`,
        );
      } catch (error) {
        await engine.close();
        throw error;
      }
      return engine;
    },
  };
}

/** The MariaDB server tests' named lock (GET_LOCK), the same in every test. */
const MARIADB_TESTS_LOCK = 'dbarchitect_server_tests';

/**
 * The MariaDB server (DBARCHITECT_MYSQL_URL), like `postgresServer()`: `start` connects with
 * `options` (read-only unless they say otherwise) and waits for the server tests' named lock, held
 * by the session until the engine is closed, so test files take turns on the server. A test holds
 * one started engine at a time; `freshMysqlDatabase` connects on its own, without the lock.
 */
export function mariadbServer(options: MysqlOptions = {}): TestEngine & { readonly url: string | undefined } {
  const server = serverUrl('mysql');
  return {
    name: 'mariadb',
    skip: server.skip,
    url: server.url,
    async start() {
      const engine = await connectMysql(server.url!, options);
      try {
        const [row] = await engine.query<{ got: number | null }>('SELECT GET_LOCK(?, 300) AS got', [MARIADB_TESTS_LOCK]);
        if (row?.got !== 1) throw new Error(`the MariaDB server tests' lock ${MARIADB_TESTS_LOCK} was not granted in 300 s`);
      } catch (error) {
        await engine.close();
        throw error;
      }
      return engine;
    },
  };
}

/**
 * A new, empty database of the test's own on the MySQL/MariaDB server at `url`
 * (`dbarchitect_h_<random>`: the test user has every right on `dbarchitect\_%`), dropped when the
 * test ends. Returns its URL.
 */
export async function freshMysqlDatabase(t: TestContext, url: string): Promise<string> {
  const name = `dbarchitect_h_${randomBytes(4).toString('hex')}`;
  const admin = await connectMysql(url, { readOnly: false });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  t.after(async () => {
    const cleanup = await connectMysql(url, { readOnly: false });
    try {
      await cleanup.exec(`DROP DATABASE IF EXISTS ${name}`);
    } finally {
      await cleanup.close();
    }
  });
  const own = new URL(url);
  own.pathname = `/${name}`;
  return own.toString();
}

/** Every engine a test runs on, PGlite first: loop over it with `describe(..., { skip: e.skip })`. */
export function testEngines(): readonly TestEngine[] {
  return [PGLITE, postgresServer()];
}

/**
 * The file's (or suite's) one engine: started before its first test, closed after its last. The
 * engine returned stands for it and may be used only inside tests and hooks; it is closed by the
 * suite, not by a test. Nothing is started when the engine is skipped.
 */
export function sharedEngine(target: TestEngine = PGLITE): Engine {
  let started: Engine | undefined;
  before(async () => {
    if (!target.skip) started = await target.start();
  });
  after(async () => {
    await started?.close();
    started = undefined;
  });
  const current = (): Engine => {
    if (!started) throw new Error(`the shared ${target.name} engine is used outside a test of its suite${target.skip ? ` (skipped: ${target.skip})` : ''}`);
    return started;
  };
  return {
    get kind() {
      return current().kind;
    },
    version: () => current().version(),
    exec: (sql) => current().exec(sql),
    query: <T>(sql: string, params?: readonly unknown[]) => current().query<T>(sql, params),
    close: async () => {
      throw new Error('a shared engine is closed by its suite, not by a test');
    },
  };
}

/**
 * A new schema of the test's own on a shared engine, with the session's search_path on it; when
 * the test ends (pass or fail) the session is reset and the schema dropped with all it holds. The
 * name is unique, so files running at once on one server never meet.
 */
export async function freshSchema(t: TestContext, engine: Engine, prefix = 'test'): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await engine.exec(`CREATE SCHEMA ${name}; SET search_path TO ${name};`);
  t.after(async () => {
    // A failed test may leave a transaction open or a role set: neither may keep the schema.
    await engine.exec('ROLLBACK').catch(() => undefined);
    await engine.exec(`RESET ROLE; RESET search_path; DROP SCHEMA IF EXISTS ${name} CASCADE;`);
  });
  return name;
}

/**
 * A new, empty database of the test's own on the PostgreSQL server at `url` (the test role may
 * create databases), for a test that checks the whole database, such as "nothing left behind",
 * while other tests (or other checkouts) use the shared one. Returns its URL; it is dropped when
 * the test ends.
 */
export async function freshDatabase(t: TestContext, url: string): Promise<string> {
  const name = `dbarchitect_t_${randomBytes(4).toString('hex')}`;
  const admin = await connectPostgres(url);
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  t.after(async () => {
    const cleanup = await connectPostgres(url);
    try {
      // FORCE ends the test's own sessions, but not one of another role (seen once in a full run:
      // "must be a member of the role whose process is being terminated", likely a pg_cron worker
      // running a job as a design role); such a session ends within moments: retry for 5 s.
      for (let attempt = 1; ; attempt++) {
        try {
          await cleanup.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          break;
        } catch (error) {
          if (attempt >= 10 || !/must be a member of the role whose process is being terminated/.test((error as Error).message)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    } finally {
      await cleanup.close();
    }
  });
  const own = new URL(url);
  own.pathname = `/${name}`;
  return own.toString();
}
