import pg from 'pg';
import { postgresSession } from '../dialects/postgres/session.js';
import type { Engine } from './engine.js';
import { redactSecrets, redactUrl } from './redact.js';

export interface PostgresOptions {
  /** Applied to the session so nothing the tool runs can hang or hold locks for long. */
  readonly statementTimeoutMs?: number;
  readonly lockTimeoutMs?: number;
}

/** A PostgreSQL server through `pg`. Errors never carry the connection's password. */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Engine> {
  const client = new pg.Client({ connectionString: url, application_name: 'dbarchitect' });
  const safe = (error: unknown) => new Error(redactSecrets((error as Error).message ?? String(error), url));
  try {
    await client.connect();
    await client.query(postgresSession.timeouts(options.statementTimeoutMs ?? 60_000, options.lockTimeoutMs ?? 5_000));
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(`cannot connect to ${redactUrl(url)}: ${safe(error).message}`);
  }
  return {
    kind: 'postgres',
    async version() {
      const result = await client.query<{ v: string }>(`select current_setting('server_version') as v`);
      return `PostgreSQL ${result.rows[0]?.v ?? '?'}`;
    },
    async exec(sql) {
      try {
        await client.query(sql);
      } catch (error) {
        throw safe(error);
      }
    },
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        return (await client.query(sql, [...params])).rows as T[];
      } catch (error) {
        throw safe(error);
      }
    },
    async close() {
      await client.end();
    },
  };
}
