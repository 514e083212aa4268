import { parseWithSqlfluff } from '../sqlfluff.js';
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
      const parsed = await parseWithSqlfluff(sql, dialect);
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
