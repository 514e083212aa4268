import type { NativeObject } from '../../../model/schema.js';
import type { SqlSession } from '../../session.js';
import { quoteMysqlIdentifier as q } from '../quote.js';

export interface ViewRow {
  readonly namespace: string;
  readonly name: string;
  /** Empty for a user without SHOW VIEW on it. */
  readonly definition: string | null;
  readonly checkOption: string;
}

export const VIEWS_SQL = `SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS name, VIEW_DEFINITION AS definition, CHECK_OPTION AS checkOption
FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (?)`;

/**
 * Views as native objects (the model's views are pre-aggregates it plans, not any query). The
 * server qualifies every name with the view's database: that qualifier is removed, so the SQL
 * runs in another database too (a copy, a test).
 */
export async function readViews(db: SqlSession, namespaces: readonly string[]): Promise<(NativeObject & { readonly namespace: string })[]> {
  return (await db.query<ViewRow>(VIEWS_SQL, [namespaces])).map((v) => {
    const own = `${q(v.namespace)}.`;
    const definition = (v.definition ?? '').split(own).join('');
    const check = v.checkOption && v.checkOption !== 'NONE' ? ` WITH ${v.checkOption} CHECK OPTION` : '';
    return {
      namespace: v.namespace,
      kind: 'view',
      name: v.name,
      dialect: 'mysql',
      sql: definition ? `CREATE VIEW ${q(v.name)} AS ${definition}${check}` : `-- the definition of view ${q(v.name)} is hidden: SHOW VIEW is needed`,
      reason: "a view's query: the model's views are the pre-aggregates it plans itself",
    };
  });
}
