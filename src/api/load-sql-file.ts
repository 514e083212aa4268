import type { Node } from 'libpg-query';
import type { Engine } from '../engines/engine.js';
import type { PgliteEngine } from '../engines/pglite.js';
import type { StatementAccount } from '../model/introspection.js';
import type { NativeObject } from '../model/schema.js';
import { classifyStatement, type StatementClass } from '../sql/classify-statement.js';
import { parsePg } from '../sql/pg-parser.js';
import { quoteIdent } from '../sql/query-shape/quote.js';
import { splitScript, type ScriptPiece } from '../sql/split-script.js';
import type { DdlReading } from '../readers/sql-ddl/ddl-reading.js';
import { readDdlStatement } from '../readers/sql-ddl/read-statement.js';

/** What loading a script into the embedded engine left: the accounts, and what the engine could not hold. */
export interface LoadedScript {
  readonly accounts: StatementAccount[];
  /** Readings of statements the engine could not run, with the account each belongs to (index into accounts). */
  readonly readings: { readonly reading: DdlReading; readonly account: number }[];
  /** Statements neither run nor read, kept as native objects of kind `statement`, by account index. */
  readonly statements: Map<number, NativeObject>;
  /** Each account's text: the statement, or the meta-command. */
  readonly texts: string[];
}

const ROLE_MISSING = /role "([^"]+)" does not exist/;
const brief = (text: string) => text.replace(/\s+/g, ' ').slice(0, 200);

/**
 * Runs a script on a fresh embedded PostgreSQL, one statement at a time, each in a savepoint of one
 * transaction so a failing statement leaves nothing half-done; then says for every statement how it
 * was read. A statement that cannot run inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM)
 * runs between two.
 */
/** An engine to load a script into: COPY rows need PGlite's stdin copy; a server session runs the rest. */
export type ScriptEngine = Engine & Partial<Pick<PgliteEngine, 'copyFromStdin'>>;

export async function loadSqlScript(engine: ScriptEngine, text: string): Promise<LoadedScript> {
  const pieces = splitScript(text);
  const parsed = pieces.map((piece) => (piece.kind === 'statement' ? parsePg(piece.text) : undefined));
  const enums = new Set<string>();
  for (const p of parsed) {
    const stmt = p?.ok ? p.result.stmts?.[0]?.stmt : undefined;
    if (stmt && 'CreateEnumStmt' in stmt) {
      const names = (stmt.CreateEnumStmt.typeName ?? []).map((n) => (n as { String?: { sval?: string } }).String?.sval ?? '');
      enums.add(names[0] === 'public' ? names.slice(1).join('.') : names.join('.'));
    }
  }
  const loaded: LoadedScript = { accounts: [], readings: [], statements: new Map(), texts: [] };
  await engine.exec('BEGIN');
  for (const [i, piece] of pieces.entries()) {
    const index = loaded.accounts.length;
    const base = { index: index + 1, line: piece.line, column: piece.column };
    loaded.texts.push(piece.text);
    if (piece.kind === 'meta') {
      loaded.accounts.push({
        ...base,
        summary: piece.text.split(/\s/)[0]!,
        how: 'skipped',
        reason: "a psql meta-command: psql's own, not SQL (the file is read into one database)",
      });
      continue;
    }
    if (piece.kind === 'unreadable') {
      const reason = `PostgreSQL's scanner cannot read it: ${piece.message}`;
      loaded.accounts.push({ ...base, summary: firstWords(piece.text), how: 'skipped', reason });
      loaded.statements.set(index, statementObject(firstWords(piece.text), piece.text, reason));
      continue;
    }
    const parse = parsed[i]!;
    if (!parse.ok) {
      const reason = `the parser (PostgreSQL 18's grammar) cannot read it: ${parse.message}`;
      loaded.accounts.push({ ...base, summary: firstWords(piece.text), how: 'skipped', reason });
      loaded.statements.set(index, statementObject(firstWords(piece.text), piece.text, reason));
      continue;
    }
    const stmt = parse.result.stmts?.[0]?.stmt as Node | undefined;
    const kind: StatementClass = stmt ? classifyStatement(stmt) : { summary: firstWords(piece.text), role: 'other' };
    if (stmt && 'TransactionStmt' in stmt) {
      // The file's own BEGIN and COMMIT would end the loader's transaction and its savepoints.
      loaded.accounts.push({
        ...base,
        summary: kind.summary,
        how: 'skipped',
        reason: "transaction control: the file is loaded in one transaction of the loader's own",
      });
      continue;
    }
    const failure = await run(engine, piece);
    if (failure === undefined) {
      loaded.accounts.push({ ...base, summary: kind.summary, how: 'executed' });
      continue;
    }
    const role = ROLE_MISSING.exec(failure)?.[1];
    const schemaName = stmt && 'CreateSchemaStmt' in stmt && !stmt.CreateSchemaStmt.schemaElts?.length ? stmt.CreateSchemaStmt.schemaname : undefined;
    if (role && schemaName && (await run(engine, { ...piece, text: `CREATE SCHEMA ${quoteIdent(schemaName)}` })) === undefined) {
      // The owner is not part of the schema: the schema is made without it, so what goes in it can run.
      loaded.accounts.push({ ...base, summary: kind.summary, how: 'executed', reason: `run without AUTHORIZATION ${role}: the role does not exist here` });
      continue;
    }
    const reading = stmt && kind.role === 'schema' ? readDdlStatement(stmt, piece.text, enums) : undefined;
    if (reading) {
      loaded.accounts.push({ ...base, summary: kind.summary, how: 'parse-tree', reason: `the engine could not run it (${failure}); read from the parse tree` });
      for (const r of reading) loaded.readings.push({ reading: r, account: index });
      continue;
    }
    const reason =
      kind.role === 'privileges'
        ? role
          ? `role ${role} does not exist here; ownership and grants are not part of the schema`
          : `ownership and grants are not part of the schema (the engine said: ${failure})`
        : `the engine could not run it: ${failure}`;
    loaded.accounts.push({ ...base, summary: kind.summary, how: 'skipped', reason });
    if (kind.role === 'schema' || kind.role === 'other') loaded.statements.set(index, statementObject(kind.summary, piece.text, reason));
  }
  await engine.exec('COMMIT');
  return loaded;
}

/** Runs one statement in a savepoint; returns the engine's error message, or undefined when it ran. */
async function run(engine: ScriptEngine, piece: Extract<ScriptPiece, { kind: 'statement' }>): Promise<string | undefined> {
  const execute = () => {
    if (piece.copyData === undefined) return engine.exec(piece.text);
    if (!engine.copyFromStdin) throw new Error('COPY … FROM stdin rows are loaded on embedded PostgreSQL only');
    return engine.copyFromStdin(piece.text, piece.copyData);
  };
  await engine.exec('SAVEPOINT statement');
  try {
    await execute();
    await engine.exec('RELEASE SAVEPOINT statement');
    return undefined;
  } catch (error) {
    await engine.exec('ROLLBACK TO SAVEPOINT statement');
    if ((error as { code?: string }).code !== '25001') return brief((error as Error).message ?? String(error));
  }
  // cannot run inside a transaction block: run it between two
  await engine.exec('COMMIT');
  try {
    await execute();
    return undefined;
  } catch (error) {
    return brief((error as Error).message ?? String(error));
  } finally {
    await engine.exec('BEGIN');
  }
}

const firstWords = (text: string) =>
  text
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 3)
    .join(' ')
    .replace(/;$/, '')
    .toUpperCase();

const statementObject = (summary: string, sql: string, reason: string): NativeObject => ({
  kind: 'statement',
  name: summary,
  dialect: 'postgres',
  sql,
  reason,
});
