import type { SqlSession } from '../../session.js';
import type { InformationSchemaFeatures } from './features.js';

export interface CheckRow {
  readonly namespace: string;
  readonly tableName: string;
  readonly name: string;
  readonly clause: string;
}

/**
 * MariaDB's CHECK_CONSTRAINTS names the table (its check names are per table: a column's check is
 * named after the column); MySQL's does not (names are per database), so the table comes from
 * TABLE_CONSTRAINTS.
 */
export const checksSql = (features: InformationSchemaFeatures) =>
  features.checkTableName
    ? `SELECT CONSTRAINT_SCHEMA AS namespace, TABLE_NAME AS tableName, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause
FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (?)`
    : `SELECT c.CONSTRAINT_SCHEMA AS namespace, t.TABLE_NAME AS tableName, c.CONSTRAINT_NAME AS name, c.CHECK_CLAUSE AS clause
FROM information_schema.CHECK_CONSTRAINTS c
JOIN information_schema.TABLE_CONSTRAINTS t
  ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK'
WHERE c.CONSTRAINT_SCHEMA IN (?)`;

/** Check constraints, or none where the server has no CHECK_CONSTRAINTS (it parsed and ignored them before MariaDB 10.2 and MySQL 8.0.16). */
export const readChecks = async (db: SqlSession, namespaces: readonly string[], features: InformationSchemaFeatures): Promise<CheckRow[]> =>
  features.checks ? db.query<CheckRow>(checksSql(features), [namespaces]) : [];

/** The check MariaDB's JSON type is made of: `json_valid(`column`)` on a LONGTEXT column. */
export function isJsonValidCheck(clause: string, column: string): boolean {
  const bare = clause.trim().replace(/^\((.*)\)$/s, '$1');
  return bare.toLowerCase() === `json_valid(\`${column.replace(/`/g, '``')}\`)`.toLowerCase();
}

/** The columns a check reads: the backquoted names of its clause (the server writes every identifier so) that are the table's, in first-use order. */
export function checkColumns(clause: string, columns: readonly string[]): string[] {
  const named = [...clause.matchAll(/`((?:[^`]|``)+)`/g)].map((m) => m[1]!.replace(/``/g, '`'));
  return [...new Set(named.filter((n) => columns.includes(n)))];
}
