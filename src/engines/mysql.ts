import mysql from 'mysql2/promise';
import { describeMysqlVersion, mysqlFlavorOf, mysqlSession } from '../dialects/mysql/session.js';
import type { Engine } from './engine.js';
import { redactSecrets, redactUrl } from './redact.js';

export interface MysqlOptions {
  /** Bounds every statement of the session (MariaDB: all statements; MySQL: SELECTs). Default 60 s. */
  readonly statementTimeoutMs?: number;
  /** Bounds waits for metadata and row locks (whole seconds, at least 1). Default 5 s. */
  readonly lockTimeoutMs?: number;
  /** How long to wait for the server to answer at connect. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /**
   * Every transaction of the session only reads (default): introspection can never write. Tests that
   * load a fixture turn it off.
   */
  readonly readOnly?: boolean;
}

/**
 * A MySQL or MariaDB server through `mysql2`, from a `mysql://` or `mariadb://` URL. The engine's
 * `kind` is the flavour the server reports (`mariadb` or `mysql`). Errors never carry the password.
 */
export async function connectMysql(url: string, options: MysqlOptions = {}): Promise<Engine> {
  // The driver's code and errno stay on the error (a reader tells "access denied" from a timeout by them); the message loses the password.
  const safe = (error: unknown) => {
    const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
    return Object.assign(new Error(redactSecrets(describeError(error), url)), { code, errno });
  };
  const where = redactUrl(url);
  let config: mysql.ConnectionOptions;
  try {
    config = connectionConfig(url, options.connectTimeoutMs ?? 10_000);
  } catch (error) {
    throw new Error(`cannot connect to ${where}: ${safe(error).message}`);
  }
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection(config);
  } catch (error) {
    throw new Error(`cannot connect to ${where}: ${safe(error).message}`);
  }
  let version: string;
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(mysqlSession.version);
    version = String(rows[0]?.version ?? '');
    const flavor = mysqlFlavorOf(version);
    await connection.query(mysqlSession.settings(flavor, options.statementTimeoutMs ?? 60_000, options.lockTimeoutMs ?? 5_000));
    if (options.readOnly !== false) await connection.query(mysqlSession.readOnly);
    for (const sql of mysqlSession.optional(flavor)) await connection.query(sql).catch(() => undefined);
  } catch (error) {
    await connection.end().catch(() => undefined);
    throw new Error(`cannot set up the session on ${where}: ${safe(error).message}`);
  }
  const flavor = mysqlFlavorOf(version);
  // A connection the server closed (a restart, KILL, wait_timeout) says so on the next statement, instead of mysql2's "closed state".
  let lost: Error | undefined;
  connection.on('error', (error) => {
    lost = safe(error);
  });
  const failed = (error: unknown) =>
    lost ? Object.assign(new Error(`the connection to ${where} was lost: ${lost.message}`), { code: 'CONNECTION_LOST' }) : safe(error);
  return {
    kind: flavor,
    async version() {
      return describeMysqlVersion(version);
    },
    async exec(sql) {
      try {
        await connection.query(sql);
      } catch (error) {
        throw failed(error);
      }
    },
    async query<T>(sql: string, params: readonly unknown[] = []) {
      try {
        const [rows, fields] = await connection.query(sql, [...params]);
        // A text of several statements gives one result per statement: the rows are the last result set's (as a script's last SELECT).
        if (Array.isArray(fields) && fields.some((f) => Array.isArray(f) || f === undefined) && Array.isArray(rows))
          return ([...rows].reverse().find(Array.isArray) ?? []) as T[];
        return rows as T[];
      } catch (error) {
        throw failed(error);
      }
    },
    async close() {
      await connection.end().catch(() => connection.destroy());
    },
  };
}

/** The URL's parts as mysql2 options: parsed here so `mariadb://` works too and a bad URL says why. */
function connectionConfig(url: string, connectTimeout: number): mysql.ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('not a URL: expected one such as mysql://host:3306/database, with user:password@ before the host');
  }
  if (!['mysql:', 'mariadb:'].includes(parsed.protocol)) throw new Error(`expected a mysql:// or mariadb:// URL, not ${parsed.protocol}//`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    ...(database ? { database } : {}),
    connectTimeout,
    // Scripts (a fixture, a dump) run as one call; the server splits them, trigger bodies included.
    multipleStatements: true,
    // Dates as the server's text, so no client time zone shifts them; big integers exact.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
  };
}

/** A driver error as one line: its message, or (for a refused connection to several addresses) its code and the addresses tried. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const inner = error instanceof AggregateError ? error.errors.map((e: Error) => e.message).filter(Boolean) : [];
  const code = (error as { code?: string }).code;
  return inner.length > 0 ? inner.join('; ') : (code ?? error.name);
}
