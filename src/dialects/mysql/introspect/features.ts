import type { SqlSession } from '../../session.js';

/**
 * Which optional parts of information_schema this server has. Read from information_schema itself
 * rather than guessed from the version: MariaDB and MySQL number their releases apart, and forks
 * backport.
 */
export interface InformationSchemaFeatures {
  /** CHECK_CONSTRAINTS (MariaDB 10.2, MySQL 8.0.16). */
  readonly checks: boolean;
  /** CHECK_CONSTRAINTS.TABLE_NAME: MariaDB's check names are per table, MySQL's per database (so MySQL joins TABLE_CONSTRAINTS). */
  readonly checkTableName: boolean;
  /** STATISTICS.IGNORED (MariaDB 10.6) or STATISTICS.IS_VISIBLE (MySQL 8): an index the optimizer leaves alone. */
  readonly ignoredIndexColumn: 'IGNORED' | 'IS_VISIBLE' | undefined;
  /** STATISTICS.EXPRESSION: MySQL 8.0.13's functional key parts. */
  readonly indexExpressions: boolean;
  /** COLUMNS.GENERATION_EXPRESSION (MySQL 5.7, MariaDB 10.2). */
  readonly generatedColumns: boolean;
}

export const FEATURES_SQL = `SELECT UPPER(TABLE_NAME) AS tableName, UPPER(COLUMN_NAME) AS columnName FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = 'information_schema' AND UPPER(TABLE_NAME) IN ('CHECK_CONSTRAINTS', 'STATISTICS', 'COLUMNS')`;

export async function readFeatures(db: SqlSession): Promise<InformationSchemaFeatures> {
  const rows = await db.query<{ tableName: string; columnName: string }>(FEATURES_SQL);
  const has = (table: string, column: string) => rows.some((r) => r.tableName === table && r.columnName === column);
  return {
    checks: rows.some((r) => r.tableName === 'CHECK_CONSTRAINTS'),
    checkTableName: has('CHECK_CONSTRAINTS', 'TABLE_NAME'),
    ignoredIndexColumn: has('STATISTICS', 'IGNORED') ? 'IGNORED' : has('STATISTICS', 'IS_VISIBLE') ? 'IS_VISIBLE' : undefined,
    indexExpressions: has('STATISTICS', 'EXPRESSION'),
    generatedColumns: has('COLUMNS', 'GENERATION_EXPRESSION'),
  };
}
