/**
 * How each migration tool reads and runs its files on PostgreSQL, written from its documentation
 * and source, so a test applies the files as the tool would: where it cuts statements, and what it
 * runs in one transaction.
 */

/**
 * Cuts at each `;` outside quotes and comments. Flyway's PostgreSQL parser also knows $tag$
 * quoting (`dollarQuotes`); Liquibase's formatted-SQL splitter does not, which is why a dollar
 * body must sit in a changeset with splitStatements:false.
 */
export function splitOnSemicolons(sql: string, options: { readonly dollarQuotes: boolean }): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      i = j + 1;
    } else if (ch === '$' && options.dollarQuotes && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? sql.length : end + tag.length;
    } else if (ch === ';') {
      out.push(sql.slice(start, i + 1));
      start = ++i;
    } else {
      i++;
    }
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, '').trim() !== '');
}

export interface LiquibaseChangeset {
  readonly author: string;
  readonly id: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly comment?: string;
  readonly sql: string;
}

/** Liquibase's own patterns (liquibase-core FormattedSqlChangeLogParser). */
const FIRST_LINE = /^--\s*liquibase formatted.*$/i;
const CHANGESET = /^\s*--[\s]*changeset\s+("[^"]+"|[^:]+):\s*("[^"]+"|\S+)(.*)$/i;
const COMMENT = /^--[\s]*comment:? (.*)$/i;
/** Lines Liquibase rejects as a malformed directive: one dash, or a changeset without author:id. */
const MALFORMED = [/^-[\s]*changeset\s/i, /^\s*--[\s]*changeset[\s]*$/i, /^\s*--[\s]*rollback\s/i, /^\s*--[\s]*precondition/i];

/**
 * A formatted-SQL changelog read as Liquibase reads it: the header line, then changesets, each with
 * its attributes and the SQL below it up to the next. Throws on what Liquibase would reject.
 */
export function parseLiquibaseChangelog(text: string): LiquibaseChangeset[] {
  const lines = text.split('\n');
  if (!FIRST_LINE.test(lines[0] ?? '')) throw new Error(`the first line is not "-- liquibase formatted sql": ${lines[0]}`);
  const out: { author: string; id: string; attributes: Record<string, string>; comment?: string; lines: string[] }[] = [];
  for (const line of lines.slice(1)) {
    const header = CHANGESET.exec(line);
    if (header) {
      const attributes: Record<string, string> = {};
      for (const pair of header[3]!.trim().split(/\s+/).filter(Boolean)) {
        const at = pair.indexOf(':');
        if (at <= 0) throw new Error(`a changeset attribute is not name:value: ${pair}`);
        attributes[pair.slice(0, at)] = pair.slice(at + 1);
      }
      out.push({ author: header[1]!, id: header[2]!, attributes, lines: [] });
      continue;
    }
    if (MALFORMED.some((p) => p.test(line))) throw new Error(`Liquibase rejects this line: ${line}`);
    const current = out.at(-1);
    const comment = COMMENT.exec(line);
    if (current && comment) current.comment = comment[1]!;
    else if (current) current.lines.push(line);
  }
  return out.map(({ lines: body, ...changeset }) => ({ ...changeset, sql: body.join('\n').trim() }));
}
