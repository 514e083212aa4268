import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine.js';
import { connectMysql } from '../mysql.js';
import { redactSecrets, redactUrl } from '../redact.js';
import { parseWithSqlfluff, sqlfluffVersion } from '../sqlfluff.js';
import type { DdlChecker, DdlCheckResult } from './ddl-checker.js';

/**
 * The MySQL/MariaDB script's checker. With a server (`design --check-db mysql://…`) the script runs
 * statement by statement in a scratch database made for the check and always dropped after it;
 * the evidence is the server and version. Without one, sqlfluff's mysql dialect parses it. The
 * password of the URL never appears in a result.
 */
export const mysqlChecker: DdlChecker = {
  target: 'mysql',
  tier: 'executed',
  async check(sql, context) {
    if (context.mysqlUrl) return (await executeInScratchDatabase(sql, context.mysqlUrl)).result;
    return parseMysqlScript(sql);
  },
};

/**
 * Splits a script into statements at the semicolons outside quotes ('…', "…", `…`) and comments
 * (`-- `, `#`, `/* … *\/`), so each statement runs alone and a failure names it.
 */
export function splitMysqlStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      i++;
      while (i < sql.length && sql[i] !== ch) i += sql[i] === '\\' && ch !== '`' ? 2 : 1;
      i++;
    } else if ((ch === '-' && sql.startsWith('-- ', i)) || ch === '#') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === ';') {
      out.push(sql.slice(start, i + 1).trim());
      start = ++i;
    } else i++;
  }
  const rest = sql.slice(start).trim();
  if (rest && !/^(--[^\n]*\n?|#[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(rest)) out.push(rest);
  return out.filter((s) => s !== ';');
}

/** The first line of a statement, for messages. */
const firstLine = (statement: string) => statement.split('\n')[0]!.slice(0, 120);

/**
 * Runs the script in a new database `dbarchitect_check_<random>` on the server at `url` and drops
 * it afterwards, whatever happened. `inspect`, when given, reads the database after a successful
 * run and before the drop (the tests introspect it there). A server that cannot be reached, or a
 * user who may not create the database, makes the check unavailable: that is no fault of the script.
 */
export async function executeInScratchDatabase<T = undefined>(
  sql: string,
  url: string,
  inspect?: (engine: Engine, database: string) => Promise<T>,
): Promise<{ result: DdlCheckResult; inspected?: T }> {
  const safe = (text: string) => redactSecrets(text, url);
  let engine: Engine;
  try {
    engine = await connectMysql(url, { readOnly: false });
  } catch (error) {
    return { result: { status: 'unavailable', reason: `the MySQL script was not run: ${safe((error as Error).message)}` } };
  }
  const database = `dbarchitect_check_${randomBytes(6).toString('hex')}`;
  try {
    const server = await engine.version();
    try {
      await engine.exec(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    } catch (error) {
      return {
        result: {
          status: 'unavailable',
          reason: `the MySQL script was not run: ${redactUrl(url)} would not create the scratch database ${database} (${safe((error as Error).message)}); the user needs CREATE and DROP on databases named dbarchitect_check_%`,
        },
      };
    }
    await engine.exec(`USE \`${database}\``);
    const statements = splitMysqlStatements(sql);
    for (const [i, statement] of statements.entries()) {
      try {
        await engine.exec(statement);
      } catch (error) {
        return {
          result: {
            status: 'failed',
            message: `statement ${i + 1} of ${statements.length} (${firstLine(statement)}): ${safe((error as Error).message)}`,
            statement,
          },
        };
      }
    }
    const inspected = inspect ? await inspect(engine, database) : undefined;
    return { result: { status: 'checked', statements: statements.length, parsedBy: server, executedOn: server }, ...(inspect ? { inspected } : {}) };
  } finally {
    await engine.exec(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => undefined);
    await engine.close();
  }
}

/**
 * Statements sqlfluff 1.4.5's mysql grammar cannot read although both servers run them: generated
 * columns and parenthesized default expressions. A script stopped by one is not checked (said so),
 * rather than reported as a broken script.
 */
const GRAMMAR_GAPS: readonly { readonly construct: string; readonly pattern: RegExp }[] = [
  { construct: 'generated columns (AS (…) VIRTUAL)', pattern: /\bAS \(.*\) (VIRTUAL|STORED)\b/ },
  { construct: 'default expressions (DEFAULT (…))', pattern: /\bDEFAULT \(/ },
];

const NO_PARSER =
  'give a MySQL or MariaDB server with --check-db mysql://user@host/ to run the script (the user needs CREATE and DROP on dbarchitect_check_% databases)';

export async function parseMysqlScript(sql: string): Promise<DdlCheckResult> {
  const parsed = await parseWithSqlfluff(sql, 'mysql');
  if (parsed.status === 'parsed') return { status: 'checked', statements: parsed.statements, parsedBy: parsed.parser };
  if (parsed.status === 'unavailable') return { status: 'unavailable', reason: `no MySQL server was given and ${parsed.reason}; or ${NO_PARSER}` };
  const statement = parsed.line !== undefined ? statementAtLine(sql, parsed.line) : undefined;
  const gap = statement && GRAMMAR_GAPS.find((g) => g.pattern.test(statement));
  if (gap) {
    const version = (await sqlfluffVersion()) ?? 'sqlfluff';
    return {
      status: 'unavailable',
      reason: `${version}'s mysql grammar cannot read ${gap.construct}, which MySQL 8 and MariaDB run (line ${parsed.line}: ${firstLine(statement!)}); ${NO_PARSER}`,
    };
  }
  return {
    status: 'failed',
    message: `sqlfluff (mysql dialect): ${parsed.message}${parsed.line !== undefined ? ` at line ${parsed.line}, column ${parsed.column}` : ''}`,
    ...(statement ? { statement } : {}),
  };
}

/** The statement of the script that holds 1-based `line`. */
function statementAtLine(sql: string, line: number): string | undefined {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = sql.indexOf('\n', offset) + 1;
  let cursor = 0;
  for (const statement of splitMysqlStatements(sql)) {
    const at = sql.indexOf(statement, cursor);
    if (at + statement.length >= offset) return statement;
    cursor = at + statement.length;
  }
  return undefined;
}
