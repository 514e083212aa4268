import type { DdlChecker, DdlCheckResult } from './ddl-checker.js';

/**
 * Runs a SQLite script on an in-memory database (better-sqlite3), statement by statement so a
 * failure names its statement, with foreign keys on. SQLite resolves much of a schema lazily (a
 * trigger's body, a view's tables, a foreign key's parent key, the functions a CHECK calls), so
 * afterwards every table's writes and every view's read are compiled too: what would fail on the
 * first row fails here.
 */
export const sqliteDdlChecker: DdlChecker = {
  target: 'sqlite',
  tier: 'executed',
  async check(sql): Promise<DdlCheckResult> {
    let Database: typeof import('better-sqlite3');
    try {
      Database = (await import('better-sqlite3')).default;
    } catch (error) {
      return {
        status: 'unavailable',
        reason: `better-sqlite3 could not be loaded (${(error as Error).message}): reinstall dbarchitect's dependencies with npm`,
      };
    }
    const db = new Database(':memory:');
    try {
      const version = `SQLite ${(db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}`;
      db.pragma('foreign_keys = ON');
      const statements = splitSqliteStatements(sql);
      for (const statement of statements) {
        try {
          db.exec(statement);
        } catch (error) {
          return { status: 'failed', message: (error as Error).message, statement };
        }
      }
      const problem = compileEveryObject(db);
      if (problem) return { status: 'failed', message: problem.message, statement: problem.statement };
      return { status: 'checked', statements: statements.length, parsedBy: version, executedOn: version };
    } finally {
      db.close();
    }
  },
};

type Db = InstanceType<typeof import('better-sqlite3')>;

/** Prepares (never runs) an INSERT, UPDATE and DELETE on each table and a SELECT on each view. */
function compileEveryObject(db: Db): { message: string; statement: string } | undefined {
  const objects = db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    type: string;
    name: string;
  }[];
  for (const { type, name } of objects) {
    const table = `"${name.replace(/"/g, '""')}"`;
    const first = type === 'table' ? (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid LIMIT 1').get(name) as { name: string }).name : '';
    const column = `"${first.replace(/"/g, '""')}"`;
    const probes =
      type === 'view'
        ? [`SELECT * FROM ${table}`]
        : [`INSERT INTO ${table} DEFAULT VALUES`, `UPDATE ${table} SET ${column} = ${column}`, `DELETE FROM ${table}`];
    for (const statement of probes) {
      try {
        db.prepare(statement);
      } catch (error) {
        return { message: (error as Error).message, statement };
      }
    }
  }
  return undefined;
}

/**
 * A script's statements, cut where SQLite's own sqlite3_complete() would: at a semicolon outside
 * quotes and comments, except inside CREATE TRIGGER, which ends at `END;`.
 */
export function splitSqliteStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const words: string[] = [];
  const flush = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (stripComments(text).trim()) out.push(text);
    start = end;
    words.length = 0;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      while (j < sql.length && !(sql[j] === close && sql[j + 1] !== close)) j += sql[j] === close ? 2 : 1;
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      words.push(sql.slice(i, j).toUpperCase());
      i = j;
    } else if (ch === ';') {
      i++;
      const trigger = words[0] === 'CREATE' && (words[1] === 'TRIGGER' || (['TEMP', 'TEMPORARY'].includes(words[1] ?? '') && words[2] === 'TRIGGER'));
      if (!trigger || words.at(-1) === 'END') flush(i);
      else words.push(';');
    } else {
      i++;
    }
  }
  flush(sql.length);
  return out;
}

const stripComments = (text: string) => text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
