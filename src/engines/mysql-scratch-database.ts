import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.js';
import { connectMysql } from './mysql.js';
import { redactSecrets, redactUrl } from './redact.js';
import type { ScratchDatabase } from './scratch-database.js';

/**
 * A new, empty database on the MySQL/MariaDB server at `url` (`dbarchitect_validate_<hex>`), for a
 * plan's check: the user's own databases are never touched. Needs CREATE and DROP on that name
 * (a grant on `dbarchitect\_%` covers it); the error says so.
 */
export async function openMysqlScratchDatabase(url: string): Promise<ScratchDatabase> {
  const name = `dbarchitect_validate_${randomBytes(6).toString('hex')}`;
  const admin = await connectMysql(url, { readOnly: false, connectTimeoutMs: 10_000 });
  try {
    await admin.exec(`CREATE DATABASE \`${name}\``);
  } catch (error) {
    await admin.close();
    const message = redactSecrets((error as Error).message, url);
    const hint = /denied/i.test(message) ? `: the user needs CREATE and DROP on ${name} (GRANT ALL ON \`dbarchitect\\_%\`.* TO …)` : '';
    throw new Error(`cannot create a scratch database on ${redactUrl(url)}: ${message}${hint}`);
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  let engine: Engine;
  try {
    // DDL runs here; the plan's steps bound themselves (lock_wait_timeout per step).
    engine = await connectMysql(own.toString(), { readOnly: false, connectTimeoutMs: 10_000, statementTimeoutMs: 600_000 });
  } catch (error) {
    await admin.exec(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
    await admin.close();
    throw error;
  }
  return {
    engine,
    async close() {
      await engine.close().catch(() => undefined);
      try {
        await admin.exec(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await admin.close();
      }
    },
  };
}
