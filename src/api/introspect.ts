import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { introspectorFor } from '../dialects/registry.js';
import type { IntrospectOptions } from '../dialects/introspection.js';
import type { Engine } from '../engines/engine.js';
import { startPglite } from '../engines/pglite.js';
import { connectMysql } from '../engines/mysql.js';
import { connectPostgres } from '../engines/postgres.js';
import { redactSecrets, redactUrl } from '../engines/redact.js';
import type { Introspection } from '../model/introspection.js';
import type { NativeObject } from '../model/schema.js';
import { applyReadings } from '../readers/sql-ddl/apply-readings.js';
import { loadPgParser } from '../sql/pg-parser.js';
import { loadSqlScript } from './load-sql-file.js';

export interface IntrospectTargetOptions extends IntrospectOptions {
  /** Bounds every statement of the session (default 30 s) and connecting (default 10 s). */
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

export type IntrospectResult =
  | { readonly ok: true; readonly introspection: Introspection }
  /** `input`: the target is wrong (exit 2); `engine`: the database could not be reached or read (exit 3). The message is safe to print. */
  | { readonly ok: false; readonly failure: 'input' | 'engine'; readonly message: string; readonly diagnostic?: Diagnostic };

interface LiveTarget {
  readonly dialect: string;
  connect(url: string, options: { statementTimeoutMs: number; connectTimeoutMs: number }): Promise<Engine>;
}

/**
 * URL scheme -> how to reach that kind of server and which dialect reads it. One line per scheme:
 * the MySQL reader adds `mysql:` and `mariadb:`.
 */
const LIVE_TARGETS: Readonly<Record<string, LiveTarget>> = {
  'postgres:': { dialect: 'postgres', connect: (url, o) => connectPostgres(url, { ...o, lockTimeoutMs: 5_000, readOnly: true }) },
  'postgresql:': { dialect: 'postgres', connect: (url, o) => connectPostgres(url, { ...o, lockTimeoutMs: 5_000, readOnly: true }) },
  'mysql:': { dialect: 'mysql', connect: (url, o) => connectMysql(url, { ...o, lockTimeoutMs: 5_000, readOnly: true }) },
  'mariadb:': { dialect: 'mysql', connect: (url, o) => connectMysql(url, { ...o, lockTimeoutMs: 5_000, readOnly: true }) },
};

export const introspectSchemes = (): string[] => Object.keys(LIVE_TARGETS).map((s) => s.replace(/:$/, ''));

/** The scheme of a connection URL (`postgres:`), or undefined for a file path. */
function schemeOf(target: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target);
  return match ? `${match[1]!.toLowerCase()}:` : undefined;
}

/**
 * Reads an existing database into the model: a live server (by its URL: read-only session, every
 * statement bounded) or a SQL file (loaded into embedded PostgreSQL; what it cannot run is read from
 * the parse tree or listed). Never writes to a server.
 */
export async function introspect(target: string, options: IntrospectTargetOptions = {}): Promise<IntrospectResult> {
  return introspectAndUse(target, options);
}

/**
 * A step that needs the database itself after it was read (sampling its rows): it runs on the same
 * session (the server's read-only one, or the PGlite the file was loaded into) before it is closed.
 */
export type UseIntrospected = (engine: Engine, introspection: Introspection) => Promise<void>;

/** `introspect`, then `use` on the open database; a failure of `use` is an engine failure, with the password removed. */
export async function introspectAndUse(target: string, options: IntrospectTargetOptions = {}, use?: UseIntrospected): Promise<IntrospectResult> {
  const scheme = schemeOf(target);
  if (scheme === undefined) return introspectSqlFile(target, options, use);
  const live = LIVE_TARGETS[scheme];
  if (!live)
    return {
      ok: false,
      failure: 'input',
      message: `${redactUrl(target)}: no reader for ${scheme}// URLs; give ${introspectSchemes()
        .map((s) => `${s}://…`)
        .join(', ')} or a .sql file`,
    };
  const introspector = introspectorFor(live.dialect)!;
  const safe = (error: unknown) => redactSecrets(((error as Error).message ?? String(error)).split('\n')[0]!, target);
  let engine: Engine;
  try {
    engine = await live.connect(target, { statementTimeoutMs: options.statementTimeoutMs ?? 30_000, connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
  } catch (error) {
    return { ok: false, failure: 'engine', message: safe(error) };
  }
  try {
    const read = await introspector.introspect(engine, options);
    const introspection: Introspection = {
      schema: read.schema,
      statsSince: read.statsSince,
      source: { dialect: live.dialect, kind: 'live', location: redactUrl(target), serverVersion: read.serverVersion, namespaces: read.namespaces },
    };
    await use?.(engine, introspection);
    return { ok: true, introspection };
  } catch (error) {
    return { ok: false, failure: 'engine', message: `reading ${redactUrl(target)} failed: ${safe(error)}` };
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/** A SQL file loaded into a fresh PGlite and read back from its catalog, every statement accounted for. */
export async function introspectSqlFile(file: string, options: IntrospectOptions = {}, use?: UseIntrospected): Promise<IntrospectResult> {
  const text = await readSqlFile(file);
  if (!text.ok) return text;
  await loadPgParser();
  let engine: Awaited<ReturnType<typeof startPglite>>;
  try {
    engine = await startPglite();
  } catch (error) {
    return { ok: false, failure: 'engine', message: `could not start the embedded PostgreSQL (PGlite): ${(error as Error).message}` };
  }
  try {
    const loaded = await loadSqlScript(engine, text.text);
    const read = await introspectorFor('postgres')!.introspect(engine, options);
    const inScope = (namespace: string) => !options.namespaces?.length || options.namespaces.includes(namespace);
    const readings = loaded.readings.filter((r) => r.reading.kind === 'enum' || inScope(r.reading.ref.namespace));
    const applied = applyReadings(
      read.schema,
      readings.map((r) => r.reading),
    );
    const accounts = [...loaded.accounts];
    const statements = new Map(loaded.statements);
    for (const { reading, account } of readings) {
      if (!applied.unapplied.has(reading)) continue;
      const reason = `read from the parse tree, but ${reading.kind === 'table' || reading.kind === 'enum' ? 'the name is taken by an object the engine made' : 'its table is in neither the engine nor the file'}`;
      accounts[account] = { ...accounts[account]!, how: 'skipped', reason };
      statements.set(account, { kind: 'statement', name: accounts[account]!.summary, dialect: 'postgres', sql: loaded.texts[account]!, reason });
    }
    const native: NativeObject[] = [...(applied.schema.native ?? []), ...[...statements.entries()].sort(([a], [b]) => a - b).map(([, n]) => n)];
    const introspection: Introspection = {
      schema: { ...applied.schema, ...(native.length ? { native } : {}) },
      // A file has no usage history: the counters began when it was loaded.
      statsSince: null,
      source: {
        dialect: 'postgres',
        kind: 'sql-file',
        location: file,
        serverVersion: await engine.version(),
        namespaces: namespacesOf(read.namespaces, applied.schema),
      },
      statements: accounts,
    };
    await use?.(engine, introspection);
    return { ok: true, introspection };
  } catch (error) {
    return { ok: false, failure: 'engine', message: `loading ${file} into the embedded PostgreSQL failed: ${(error as Error).message}` };
  } finally {
    await engine.close().catch(() => undefined);
  }
}

/** The engine's schemas and those of tables read from the parse tree alone (a schema the engine could not make). */
function namespacesOf(engine: readonly string[], schema: Introspection['schema']): string[] {
  return [...new Set([...engine, ...schema.tables.map((t) => t.namespace ?? 'public')])].sort();
}

type SqlText = { readonly ok: true; readonly text: string } | Extract<IntrospectResult, { ok: false }>;

async function readSqlFile(file: string): Promise<SqlText> {
  const fail = (code: string, message: string, fix: string): SqlText => ({
    ok: false,
    failure: 'input',
    message: `${file}: ${message}`,
    diagnostic: { code, severity: 'error', message, fix, location: { file, line: 1, column: 1 } },
  });
  try {
    const info = await stat(file);
    if (!info.isFile())
      return fail('input/not-a-file', 'this is not a regular file', 'pass a .sql file (such as a pg_dump --schema-only output) or a postgres:// URL');
    const bytes = await readFile(file);
    if (bytes.includes(0))
      return fail('input/not-sql', 'this is a binary file, not SQL text', 'pass a plain-text dump (pg_dump -Fp), not a custom-format archive');
    return { ok: true, text: bytes.toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('input/not-found', 'no such file', 'check the path, or give a postgres:// URL');
    if (code === 'EACCES') return fail('input/not-readable', 'permission denied', 'make the file readable');
    return fail('input/unreadable', `cannot read the file (${code ?? 'unknown error'})`, 'check the path and its permissions');
  }
}
