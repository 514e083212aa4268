import type { ForeignKey } from '../../../model/schema.js';
import type { SqlSession } from '../../session.js';
import { byName, byTable } from './keys.js';

export interface ForeignKeyRow {
  readonly namespace: string;
  readonly tableName: string;
  readonly name: string;
  readonly columnName: string;
  readonly refNamespace: string;
  readonly refTable: string;
  readonly refColumn: string;
  readonly onUpdate: string;
  readonly onDelete: string;
}

/** Every foreign key's columns in key order, with its rules; InnoDB's constraint names are unique per database. */
export const FOREIGN_KEYS_SQL = `SELECT k.TABLE_SCHEMA AS namespace, k.TABLE_NAME AS tableName, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS columnName,
  k.REFERENCED_TABLE_SCHEMA AS refNamespace, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refColumn,
  r.UPDATE_RULE AS onUpdate, r.DELETE_RULE AS onDelete
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA IN (?) AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

const RULES: Readonly<Record<string, ForeignKey['onDelete']>> = {
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set-null',
  'SET DEFAULT': 'set-default',
  'NO ACTION': 'no-action',
};

const rule = (text: string): ForeignKey['onDelete'] => RULES[text.toUpperCase()] ?? 'no-action';

/**
 * Foreign keys per table, by name. MySQL has no deferrable constraints, and InnoDB checks RESTRICT
 * and NO ACTION alike, at once; each is kept as the server names it. A referenced table in another
 * database is named `database.table`.
 */
export async function readForeignKeys(db: SqlSession, namespaces: readonly string[]): Promise<Map<string, ForeignKey[]>> {
  const out = new Map<string, ForeignKey[]>();
  for (const [key, rows] of byTable(await db.query<ForeignKeyRow>(FOREIGN_KEYS_SQL, [namespaces]))) {
    const names = [...new Set(rows.map((r) => r.name))].sort(byName);
    out.set(
      key,
      names.map((name) => {
        const parts = rows.filter((r) => r.name === name);
        const first = parts[0]!;
        const onUpdate = rule(first.onUpdate);
        return {
          name,
          columns: parts.map((p) => p.columnName),
          refTable: first.refNamespace === first.namespace ? first.refTable : `${first.refNamespace}.${first.refTable}`,
          refColumns: parts.map((p) => p.refColumn),
          onDelete: rule(first.onDelete),
          ...(onUpdate === 'no-action' ? {} : { onUpdate }),
          deferrable: false,
        };
      }),
    );
  }
  return out;
}
