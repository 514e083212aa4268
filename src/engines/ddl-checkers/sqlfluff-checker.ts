import { parseWithSqlfluff, type SqlfluffParse } from '../sqlfluff.js';
import type { DdlChecker } from './ddl-checker.js';

/**
 * A target's DDL read by sqlfluff with one of its dialects (`tsql`, `oracle`, `postgres`): the tier
 * is `parsed`, never executed. A script that does not parse fails at its first unparsable
 * line:column, with the statement there.
 */
export function sqlfluffChecker(target: string, dialect: string): DdlChecker {
  return {
    target,
    tier: 'parsed',
    async check(sql) {
      const parsed = await parseScript(sql, dialect);
      if (parsed.status === 'unavailable') return parsed;
      if (parsed.status === 'parsed') return { status: 'checked', statements: parsed.statements, parsedBy: parsed.parser };
      if (parsed.line === undefined) return { status: 'failed', message: `sqlfluff (${dialect} dialect): ${parsed.message}` };
      const statement = statementAt(sql, parsed.line);
      return {
        status: 'failed',
        message: `sqlfluff (${dialect} dialect) could not parse line ${parsed.line}:${parsed.column ?? 1}: ${parsed.message}`,
        ...(statement ? { statement } : {}),
      };
    },
  };
}

/** The statement around a 1-based line: from after the previous `;` or batch separator to the next `;`. */
export function statementAt(sql: string, line: number): string | undefined {
  const lines = sql.split('\n');
  if (line < 1 || line > lines.length) return undefined;
  const ends = (text: string) => /;\s*$/.test(text) || /^\s*(GO|\/)\s*$/i.test(text);
  let start = line - 1;
  while (start > 0 && !ends(lines[start - 1]!)) start--;
  let end = line - 1;
  while (end < lines.length - 1 && !ends(lines[end]!)) end++;
  return (
    lines
      .slice(start, end + 1)
      .join('\n')
      .trim() || undefined
  );
}

/** Lines after which a T-SQL script is cut at its next batch separator. */
const TSQL_PIECE_LINES = 120;

/**
 * Parses a script with sqlfluff; a T-SQL script in pieces cut at batch separators (`GO`), which
 * SQL Server compiles apart too: sqlfluff's tsql parse slows more than linearly with a script's
 * length (the reference spec's 390 lines took 34 s of CPU whole, 10 s in pieces). Line numbers of a
 * failure are the script's.
 */
export async function parseScript(sql: string, dialect: string): Promise<SqlfluffParse> {
  const pieces = dialect === 'tsql' ? tsqlPieces(sql) : [{ sql, firstLine: 1 }];
  let statements = 0;
  let parser = '';
  const kinds: Record<string, number> = {};
  for (const piece of pieces) {
    const parsed = await parseWithSqlfluff(piece.sql, dialect);
    if (parsed.status === 'unavailable') return parsed;
    if (parsed.status === 'failed') return parsed.line === undefined ? parsed : { ...parsed, line: parsed.line + piece.firstLine - 1 };
    statements += parsed.statements;
    parser = parsed.parser;
    for (const [kind, n] of Object.entries(parsed.kinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
  }
  return { status: 'parsed', statements, parser, kinds };
}

function tsqlPieces(sql: string): { sql: string; firstLine: number }[] {
  const lines = sql.split('\n');
  const pieces: { sql: string; firstLine: number }[] = [];
  let start = 0;
  lines.forEach((line, i) => {
    if (/^\s*GO\s*$/i.test(line) && i + 1 - start >= TSQL_PIECE_LINES) {
      pieces.push({ sql: lines.slice(start, i + 1).join('\n') + '\n', firstLine: start + 1 });
      start = i + 1;
    }
  });
  const rest = lines.slice(start).join('\n');
  if (rest.trim() || !pieces.length) pieces.push({ sql: rest, firstLine: start + 1 });
  return pieces;
}
