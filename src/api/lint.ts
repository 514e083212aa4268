import { readFile } from 'node:fs/promises';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import type { DialectLocks } from '../dialects/locks.js';
import { defaultDialect } from '../dialects/registry.js';
import type { Introspection } from '../model/introspection.js';
import type { Schema } from '../model/schema.js';
import type { TableFacts } from '../rules/lint/context.js';
import { lintMigration } from '../rules/lint/support/lint-migration.js';
import { type MigrationFacts, readMigration } from '../rules/lint/support/read-migration.js';
import { loadPgParser } from '../sql/pg-parser.js';

export interface LintOptions {
  /** A spec whose volumes give the tables' rows and write rates, and whose enums give the values' order. */
  readonly spec?: string;
  /**
   * A database (a connection URL, read only, or a SQL file) whose statistics give the tables' rows
   * and write rates, read through `introspect`; with a spec too, the database's figures win.
   */
  readonly db?: string;
}

/** One linted file: its text (for showing the source under a finding) and its findings, sorted. */
export interface LintedFile {
  readonly file: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The result: `badInput` holds what stops the run (a file that cannot be read or does not parse, a
 * spec with errors), each a diagnostic at its place; `files` the findings of the files that parsed.
 */
export interface LintResult {
  readonly files: readonly LintedFile[];
  readonly badInput: readonly Diagnostic[];
  /** Each file read, by name: what a renderer shows under a finding, a syntax error's included. */
  readonly texts: ReadonlyMap<string, string>;
  /** `--db` could not be read (exit 3); the message is safe to print (no password). */
  readonly engineFailure?: string;
}

const SECONDS_PER_MONTH = 30 * 24 * 3600;

/**
 * What a spec says of its tables for lint: rows from each table's volume, writes per second from its
 * growth (inserts only: the spec's volumes say nothing of updates), index names to their tables,
 * and the enums' values in their declared order.
 */
export function factsFromSchema(schema: Schema): Omit<MigrationFacts, 'locks'> {
  const tables = new Map<string, TableFacts>();
  const indexTables = new Map<string, string>();
  for (const t of schema.tables) {
    if (t.volume)
      tables.set(t.name.toLowerCase(), { rows: t.volume.rows, writesPerSecond: t.volume.growthPerMonth / SECONDS_PER_MONTH, source: 'spec volume' });
    for (const index of t.indexes) indexTables.set(index.name.toLowerCase(), t.name.toLowerCase());
    for (const unique of t.uniques) indexTables.set(unique.name.toLowerCase(), t.name.toLowerCase());
    indexTables.set(t.primaryKey.name.toLowerCase(), t.name.toLowerCase());
  }
  return { tables, indexTables, enums: new Map(schema.enums.map((e) => [e.name, e.values])) };
}

/**
 * What a database's statistics say of its tables for lint: rows from the planner's estimate, writes
 * per second from the rows written since the counters started (`statsSince`) up to `now`; a table
 * without statistics is left out rather than guessed. Index and enum facts as for a spec.
 */
export function factsFromIntrospection(introspection: Introspection, now: number): Omit<MigrationFacts, 'locks'> {
  const base = factsFromSchema(introspection.schema);
  const tables = new Map(base.tables);
  const since = introspection.statsSince ? Date.parse(introspection.statsSince) : Number.NaN;
  const seconds = (now - since) / 1000;
  for (const t of introspection.schema.tables) {
    if (!t.stats || t.stats.rows === null) continue;
    const writesPerSecond = t.stats.writes !== null && seconds > 0 ? t.stats.writes / seconds : undefined;
    const facts: TableFacts = {
      rows: t.stats.rows,
      ...(writesPerSecond !== undefined ? { writesPerSecond } : {}),
      source: `the statistics of ${introspection.source.location}`,
    };
    tables.set(t.name.toLowerCase(), facts);
    if (t.namespace) tables.set(`${t.namespace}.${t.name}`.toLowerCase(), facts);
  }
  return { ...base, tables };
}

/** Lints migration files against PostgreSQL's lock table; reads them, the spec, and with `db` a database's statistics (read only). */
export async function lintFiles(files: readonly string[], options: LintOptions = {}): Promise<LintResult> {
  await loadPgParser();
  const locks: DialectLocks | undefined = defaultDialect().locks;
  if (!locks) throw new Error(`the ${defaultDialect().displayName} dialect has no lock table`);
  let known: Omit<MigrationFacts, 'locks'> = {};
  // The spec loader and `introspect` (with PGlite, pg and mysql2) load only when asked for: most runs need neither.
  if (options.spec) {
    const { loadSpecFile } = await import('../spec/load-spec.js');
    const spec = await loadSpecFile(options.spec);
    if (!spec.loaded || hasErrors(spec.diagnostics)) return { files: [], badInput: spec.diagnostics.filter((d) => d.severity === 'error'), texts: new Map() };
    known = factsFromSchema(spec.loaded.schema);
  }
  if (options.db) {
    const { introspect } = await import('./introspect.js');
    const read = await introspect(options.db);
    if (!read.ok) {
      if (read.failure === 'engine') return { files: [], badInput: [], texts: new Map(), engineFailure: read.message };
      const diagnostic: Diagnostic = read.diagnostic ?? {
        code: 'input/db',
        severity: 'error',
        message: read.message,
        fix: 'give a postgres:// URL or a .sql file',
      };
      return { files: [], badInput: [diagnostic], texts: new Map() };
    }
    const fromDb = factsFromIntrospection(read.introspection, Date.now());
    known = { ...known, ...fromDb, tables: new Map([...(known.tables ?? []), ...(fromDb.tables ?? [])]) };
  }
  const linted: LintedFile[] = [];
  const badInput: Diagnostic[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = await readSql(file);
    if (typeof text !== 'string') {
      badInput.push(text);
      continue;
    }
    texts.set(file, text);
    const read = readMigration(file, text, { locks, ...known });
    if (!read.ok) {
      badInput.push({
        code: 'sql/syntax',
        severity: 'error',
        message: read.message,
        fix: 'fix the SQL at this place (PostgreSQL syntax); lint reads the whole file before it checks anything',
        location: { file, ...read.position },
      });
      continue;
    }
    linted.push({ file, text, diagnostics: lintMigration(read.context) });
  }
  return { files: linted, badInput, texts };
}

async function readSql(file: string): Promise<string | Diagnostic> {
  const problem = (code: string, message: string, fix: string): Diagnostic => ({
    code,
    severity: 'error',
    message,
    fix,
    location: { file, line: 1, column: 1 },
  });
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return problem('input/not-found', 'no such file', 'check the path of the migration file');
    if (code === 'EISDIR')
      return problem('input/is-directory', 'this is a directory, not a SQL file', 'pass the migration files themselves, such as `migrations/*.sql`');
    if (code === 'EACCES') return problem('input/not-readable', 'permission denied', 'make the file readable');
    return problem('input/unreadable', `cannot read the file (${code ?? 'unknown error'})`, 'check the path and its permissions');
  }
}
