import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.js';
import { connectMysql } from './mysql.js';
import { connectPostgres } from './postgres.js';
import { redactSecrets, redactUrl } from './redact.js';

export interface ScratchDatabase {
  readonly engine: Engine;
  /** Closes the session and drops the database. */
  close(): Promise<void>;
}

/** What differs between servers: how to connect, the statements that create and drop a database, and the privilege a refusal names. */
interface ScratchServer {
  connect(url: string): Promise<Engine>;
  create(name: string): string;
  drop(name: string): string;
  /** The fix for a refused CREATE DATABASE. */
  privilege(name: string): string;
}

/**
 * A new, empty database `dbarchitect_validate_<hex>` on the server at `url`, for work that must not
 * touch the user's own objects (a plan validated on the user's server version). A database, not a
 * schema: a source script may name `public.` or create types and extensions, which a scratch schema
 * would not contain.
 */
async function openScratch(server: ScratchServer, url: string): Promise<ScratchDatabase> {
  const name = `dbarchitect_validate_${randomBytes(6).toString('hex')}`;
  const admin = await server.connect(url);
  try {
    await admin.exec(server.create(name));
  } catch (error) {
    await admin.close();
    const message = redactSecrets((error as Error).message, url);
    const hint = /denied/i.test(message) ? `: ${server.privilege(name)}` : '';
    throw new Error(`cannot create a scratch database on ${redactUrl(url)}: ${message}${hint}`);
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  let engine: Engine;
  try {
    engine = await server.connect(own.toString());
  } catch (error) {
    await admin.exec(server.drop(name)).catch(() => undefined);
    await admin.close();
    throw error;
  }
  return {
    engine,
    async close() {
      await engine.close().catch(() => undefined);
      try {
        await admin.exec(server.drop(name));
      } finally {
        await admin.close();
      }
    },
  };
}

const POSTGRES: ScratchServer = {
  connect: (url) => connectPostgres(url, { connectTimeoutMs: 10_000 }),
  create: (name) => `CREATE DATABASE ${name}`,
  // WITH (FORCE): PostgreSQL 13+.
  drop: (name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
  privilege: () => 'the role needs CREATEDB (ALTER ROLE … CREATEDB), or validate on embedded PostgreSQL (leave out --validate-db)',
};

const MYSQL: ScratchServer = {
  // DDL runs here; the plan's steps bound themselves (lock_wait_timeout per step).
  connect: (url) => connectMysql(url, { readOnly: false, connectTimeoutMs: 10_000, statementTimeoutMs: 600_000 }),
  create: (name) => `CREATE DATABASE \`${name}\``,
  drop: (name) => `DROP DATABASE IF EXISTS \`${name}\``,
  privilege: (name) => `the user needs CREATE and DROP on ${name} (GRANT ALL ON \`dbarchitect\\_%\`.* TO …)`,
};

/** A scratch database on a PostgreSQL server (needs CREATEDB). */
export const openScratchDatabase = (url: string): Promise<ScratchDatabase> => openScratch(POSTGRES, url);

/** A scratch database on a MySQL/MariaDB server (needs CREATE and DROP on `dbarchitect\_%`). */
export const openMysqlScratchDatabase = (url: string): Promise<ScratchDatabase> => openScratch(MYSQL, url);
