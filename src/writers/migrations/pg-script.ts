import { parsePg } from '../../sql/pg-parser.js';

/** One statement of a PostgreSQL script, as written (leading comments kept), with its semicolon. */
export interface PgStatement {
  readonly sql: string;
  /** BEGIN, COMMIT and the like: the migration tools run each migration in a transaction of their own. */
  readonly transactionControl: boolean;
  /** It holds a $$-quoted body (a function, a DO block), whose semicolons a naive splitter would cut at. */
  readonly dollarQuoted: boolean;
}

/**
 * A script cut into its statements by PostgreSQL's own parser (libpg-query): the one reading of
 * where a statement ends, dollar quotes and all. The script is one the design wrote, so a parse
 * error is a bug and throws.
 */
export function pgStatements(script: string): PgStatement[] {
  const parsed = parsePg(script);
  if (!parsed.ok) throw new Error(`a design script does not parse: ${parsed.message}`);
  // Locations and lengths count bytes of UTF-8, not UTF-16 code units.
  const bytes = Buffer.from(script, 'utf8');
  return (parsed.result.stmts ?? []).map((s) => {
    const start = s.stmt_location ?? 0;
    const end = s.stmt_len ? start + s.stmt_len : bytes.length;
    const text = bytes.subarray(start, end).toString('utf8').trim();
    const kind = Object.keys(s.stmt ?? {})[0];
    return { sql: `${text.replace(/;\s*$/, '')};`, transactionControl: kind === 'TransactionStmt', dollarQuoted: /\$[A-Za-z_]*\$/.test(text) };
  });
}

/** The statements a migration tool runs: the script's own BEGIN and COMMIT left out. */
export const migrationStatements = (script: string): PgStatement[] => pgStatements(script).filter((s) => !s.transactionControl);

/**
 * The script's text without its BEGIN and COMMIT, otherwise as written (blank lines and all), for
 * the tools that read a whole file and run it in their own transaction.
 */
export function withoutTransactionControl(script: string): string {
  const parsed = parsePg(script);
  if (!parsed.ok) throw new Error(`a design script does not parse: ${parsed.message}`);
  const bytes = Buffer.from(script, 'utf8');
  const cuts = (parsed.result.stmts ?? [])
    .filter((s) => Object.keys(s.stmt ?? {})[0] === 'TransactionStmt')
    .map((s) => {
      const start = s.stmt_location ?? 0;
      let end = s.stmt_len ? start + s.stmt_len : bytes.length;
      while (end < bytes.length && bytes[end] !== 0x3b) end++; // through its semicolon
      return [start, Math.min(end + 1, bytes.length)] as const;
    });
  const kept: Buffer[] = [];
  let at = 0;
  for (const [start, end] of cuts) {
    kept.push(bytes.subarray(at, start));
    at = end;
  }
  kept.push(bytes.subarray(at));
  const text = Buffer.concat(kept).toString('utf8');
  return `${text.replace(/^\s*\n/, '').replace(/\n\s*$/, '')}\n`;
}
