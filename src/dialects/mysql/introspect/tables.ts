import type { SqlSession } from '../../session.js';

export interface TableRow {
  readonly namespace: string;
  readonly tableName: string;
  /** `BASE TABLE`, `VIEW`, `SYSTEM VIEW`, MariaDB's `SEQUENCE` and `SYSTEM VERSIONED`. */
  readonly type: string;
  readonly engine: string | null;
  readonly tableRows: number | string | null;
  readonly dataBytes: number | string | null;
  readonly indexBytes: number | string | null;
  /** The next value the table's AUTO_INCREMENT column gets. */
  readonly autoIncrement: number | string | null;
  readonly comment: string | null;
}

export const TABLES_SQL = `SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS tableName, TABLE_TYPE AS type, ENGINE AS engine,
  TABLE_ROWS AS tableRows, DATA_LENGTH AS dataBytes, INDEX_LENGTH AS indexBytes, AUTO_INCREMENT AS autoIncrement, TABLE_COMMENT AS comment
FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (?) AND TABLE_TYPE <> 'VIEW'`;

/** Tables of the databases read (views come from VIEWS, with their definitions). */
export const readTables = (db: SqlSession, namespaces: readonly string[]) => db.query<TableRow>(TABLES_SQL, [namespaces]);
