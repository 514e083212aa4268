/**
 * Oracle's reserved words (SQL Language Reference, "Oracle SQL Reserved Words"), and the join and
 * clause words sqlfluff's oracle dialect reserves: a name among them is quoted.
 */
const RESERVED = new Set(
  (
    'ACCESS ADD ALL ALTER AND ANY AS ASC AUDIT BETWEEN BY CHAR CHECK CLUSTER COLUMN COLUMN_VALUE COMMENT COMPRESS CONNECT ' +
    'CREATE CURRENT DATE DECIMAL DEFAULT DELETE DESC DISTINCT DROP ELSE EXCLUSIVE EXISTS FILE FLOAT FOR FROM GRANT GROUP ' +
    'HAVING IDENTIFIED IMMEDIATE IN INCREMENT INDEX INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE LOCK LONG MAXEXTENTS ' +
    'MINUS MLSLABEL MODE MODIFY NESTED_TABLE_ID NOAUDIT NOCOMPRESS NOT NOWAIT NULL NUMBER OF OFFLINE ON ONLINE OPTION OR ' +
    'ORDER PCTFREE PRIOR PUBLIC RAW RENAME RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT SESSION SET SHARE SIZE SMALLINT ' +
    'START SUCCESSFUL SYNONYM SYSDATE TABLE THEN TO TRIGGER UID UNION UNIQUE UPDATE USER VALIDATE VALUES VARCHAR VARCHAR2 ' +
    'VIEW WHENEVER WHERE WITH CASE CROSS FULL IGNORE INDEXTYPE INNER INTERVAL JOIN LEFT NATURAL OUTER PARTITION PROMPT ' +
    'RESPECT RIGHT USING'
  ).split(' '),
);

/**
 * The name Oracle stores for a model name: a lower-case name (every spec name) folds to upper case,
 * as Oracle folds an unquoted name, so queries may write it unquoted (`customer` is CUSTOMER). A
 * name with any upper-case letter keeps its case (it was case-sensitive where it came from).
 */
export function oracleName(name: string): string {
  return /[A-Z]/.test(name) ? name : name.toUpperCase();
}

/**
 * Quotes an identifier only where Oracle needs it: a reserved word (`"ORDER"`, `"USER"`,
 * `"LEVEL"`), a name that is not a plain word, or one that keeps lower-case letters. Quoted or not,
 * the stored name is `oracleName(name)`. (sqlfluff 1.4.5's oracle dialect also fails on a quoted
 * constraint name before CHECK, so leaving plain names unquoted matters there.)
 */
export function quoteOracleIdentifier(name: string): string {
  const stored = oracleName(name);
  if (/^[A-Z][A-Z0-9_$#]*$/.test(stored) && !RESERVED.has(stored)) return stored;
  return `"${stored.replace(/"/g, '""')}"`;
}

export function quoteOracleLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Oracle 12.2+ limits identifiers to 128 bytes (UTF-8). */
export const ORACLE_MAX_IDENTIFIER_BYTES = 128;
