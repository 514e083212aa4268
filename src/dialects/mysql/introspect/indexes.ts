import type { SqlSession } from '../../session.js';
import type { InformationSchemaFeatures } from './features.js';

export interface IndexPartRow {
  readonly namespace: string;
  readonly tableName: string;
  readonly name: string;
  readonly nonUnique: number | string;
  readonly position: number;
  readonly columnName: string | null;
  /** Characters (bytes for binary columns) of a prefix key part. */
  readonly subPart: number | null;
  /** `A`, `D` (MySQL 8's descending keys) or NULL (not sorted: FULLTEXT, HASH). */
  readonly collation: string | null;
  /** `BTREE`, `HASH`, `FULLTEXT`, `SPATIAL`, `RTREE`. */
  readonly indexType: string;
  readonly ignored: number | string;
  /** A functional key part's expression (MySQL 8.0.13). */
  readonly expression: string | null;
}

export const indexesSql = (features: InformationSchemaFeatures) => {
  const ignored = features.ignoredIndexColumn === 'IGNORED' ? "IGNORED = 'YES'" : features.ignoredIndexColumn === 'IS_VISIBLE' ? "IS_VISIBLE = 'NO'" : '0';
  return `SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS tableName, INDEX_NAME AS name, NON_UNIQUE AS nonUnique, SEQ_IN_INDEX AS position,
  COLUMN_NAME AS columnName, SUB_PART AS subPart, COLLATION AS collation, INDEX_TYPE AS indexType, ${ignored} AS ignored,
  ${features.indexExpressions ? 'EXPRESSION' : 'NULL'} AS expression
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;
};

export const readIndexParts = (db: SqlSession, namespaces: readonly string[], features: InformationSchemaFeatures) =>
  db.query<IndexPartRow>(indexesSql(features), [namespaces]);
