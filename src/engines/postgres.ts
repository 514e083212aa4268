import pg from 'pg';
import { postgresSession } from '../dialects/postgres/session.js';
import type { Engine } from './engine.js';
import { redactSecrets, redactUrl } from './redact.js';

export interface PostgresOptions {
  /** Applied to the session so nothing the tool runs can hang or hold locks for long. */
  readonly statementTimeoutMs?: number;
  readonly lockTimeoutMs?: number;
  /** Give up connecting after this long (a server that does not answer); default: the driver's, no limit. */
  readonly connectTimeoutMs?: number;
  /** Every transaction of the session read-only (default_transaction_read_only), for tools that only read. */
  readonly readOnly?: boolean;
}

/** A PostgreSQL server through `pg`. Errors never carry the connection's password. */
export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Engine> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'dbarchitect',
    ...(options.connectTimeoutMs !== undefined ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
  });
  // A connection that breaks between queries is reported as an 'error' event, which would end the
  // process; the next query fails with its own error instead, so the event is only noted here.
  client.on('error', () => undefined);
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
