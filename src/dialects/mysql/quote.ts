/** A MySQL/MariaDB identifier in backticks, always: quoting every name is valid and never meets a keyword. */
export function quoteMysqlIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A string literal; backslashes doubled too, as the server's default sql_mode reads them as escapes. */
export function quoteMysqlLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The values of an `enum('a','it''s')` or `set(…)` column type, as the server writes them in COLUMN_TYPE (quotes doubled). */
export function parseQuotedList(columnType: string): string[] {
  const inner = /^\w+\((.*)\)$/s.exec(columnType.trim())?.[1] ?? '';
  return [...inner.matchAll(/'((?:[^']|'')*)'/gs)].map((m) => m[1]!.replace(/''/g, "'"));
}
