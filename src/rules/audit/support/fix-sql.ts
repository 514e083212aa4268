/**
 * An audit finding's help gives the fix in words and, where it can be given from the names alone,
 * as SQL after this marker, so a reader can copy it and a test can run it (test/audit-fixes-pglite.test.ts
 * runs every finding's SQL on the defects fixture). The SQL is standard SQL as PostgreSQL runs it.
 */
const MARKER = ' SQL: ';

/** `<words>. SQL: <statements>`: each statement ends with a semicolon. */
export function helpWithSql(words: string, statements: readonly string[]): string {
  return `${words}.${MARKER}${statements.map((s) => (s.endsWith(';') ? s : `${s};`)).join(' ')}`;
}

/** The SQL part of a help text, or undefined when the fix is given in words only. */
export function fixSqlIn(help: string | undefined): string | undefined {
  const at = help?.indexOf(MARKER) ?? -1;
  return at < 0 ? undefined : help!.slice(at + MARKER.length);
}
