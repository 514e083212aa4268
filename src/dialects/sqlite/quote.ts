/**
 * SQLite's keywords (https://www.sqlite.org/lang_keywords.html, 147 words). Some of them SQLite
 * accepts as bare names by a fallback rule, but which ones changes between versions: every keyword
 * is quoted, so a script that runs today keeps running.
 */
const KEYWORDS = new Set(
  (
    'ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY CASCADE CASE CAST ' +
    'CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE ' +
    'DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN ' +
    'FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED ' +
    'INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT ' +
    'NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE ' +
    'RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET ' +
    'TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN ' +
    'WHERE WINDOW WITH WITHOUT'
  ).split(' '),
);

export const isSqliteKeyword = (word: string): boolean => KEYWORDS.has(word.toUpperCase());

/** A name in double quotes where SQLite needs them: not a plain lower-case word, or a keyword. */
export function quoteSqliteIdentifier(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !isSqliteKeyword(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal: SQLite reads no backslash escapes, so only quotes are doubled. */
export function quoteSqliteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A literal of any JSON scalar the model holds: booleans are the integers SQLite stores them as. */
export function sqliteLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return typeof value === 'number' ? String(value) : quoteSqliteLiteral(value);
}
