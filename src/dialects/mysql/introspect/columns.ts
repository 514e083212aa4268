import type { SqlSession } from '../../session.js';
import type { InformationSchemaFeatures } from './features.js';

export interface ColumnRow {
  readonly namespace: string;
  readonly tableName: string;
  readonly name: string;
  readonly position: number;
  readonly columnDefault: string | null;
  readonly nullable: 'YES' | 'NO';
  readonly dataType: string;
  readonly columnType: string;
  readonly charMaxLength: number | string | null;
  readonly numericPrecision: number | string | null;
  readonly numericScale: number | string | null;
  /** `auto_increment`, `VIRTUAL GENERATED`, `STORED GENERATED`, `on update current_timestamp()`, `DEFAULT_GENERATED`, … */
  readonly extra: string;
  readonly comment: string | null;
  readonly generationExpression: string | null;
}

export const columnsSql = (features: InformationSchemaFeatures) => `SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS tableName, COLUMN_NAME AS name,
  ORDINAL_POSITION AS position, COLUMN_DEFAULT AS columnDefault, IS_NULLABLE AS nullable, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType,
  CHARACTER_MAXIMUM_LENGTH AS charMaxLength, NUMERIC_PRECISION AS numericPrecision, NUMERIC_SCALE AS numericScale, EXTRA AS extra,
  COLUMN_COMMENT AS comment, ${features.generatedColumns ? 'GENERATION_EXPRESSION' : 'NULL'} AS generationExpression
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (?) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`;

export const readColumns = (db: SqlSession, namespaces: readonly string[], features: InformationSchemaFeatures) =>
  db.query<ColumnRow>(columnsSql(features), [namespaces]);
