import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.js';
import { connectPostgres } from './postgres.js';
import { redactSecrets, redactUrl } from './redact.js';

export interface ScratchDatabase {
  readonly engine: Engine;
  /** Closes the session and drops the database (WITH (FORCE): PostgreSQL 13+). */
  close(): Promise<void>;
}

/**
 * A new, empty database on the PostgreSQL server at `url`, for work that must not touch the user's
 * own objects (a plan validated on the user's PostgreSQL version). A database, not a schema: a
 * source script may name `public.` or create types and extensions, which a scratch schema would not
 * contain. Needs CREATEDB; the error says so.
 */
export async function openScratchDatabase(url: string): Promise<ScratchDatabase> {
  const name = `dbarchitect_validate_${randomBytes(6).toString('hex')}`;
  const admin = await connectPostgres(url, { connectTimeoutMs: 10_000 });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.close();
    const message = redactSecrets((error as Error).message, url);
    const hint = /permission denied/i.test(message)
      ? ': the role needs CREATEDB (ALTER ROLE … CREATEDB), or validate on embedded PostgreSQL (leave out --validate-db)'
      : '';
    throw new Error(`cannot create a scratch database on ${redactUrl(url)}: ${message}${hint}`);
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  let engine: Engine;
  try {
    engine = await connectPostgres(own.toString(), { connectTimeoutMs: 10_000 });
  } catch (error) {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.close();
    throw error;
  }
  return {
    engine,
    async close() {
      await engine.close().catch(() => undefined);
      try {
        await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.close();
      }
    },
  };
}
