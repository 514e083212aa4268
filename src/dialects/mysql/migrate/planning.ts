import type { PlanningDialect } from '../../planning.js';
import { mysqlApply, PROGRESS_TABLE } from '../apply.js';
import { mysqlDiff } from '../diff.js';
import { MYSQL_PLAN_NOTES, mysqlMigration } from './index.js';
import { mysqlTimeouts } from './script.js';
import { createTableSql } from './table-sql.js';

/**
 * MySQL 8 and MariaDB 10.11 as a planning dialect: diffed, planned, run and checked, though the
 * tool does not design for them. A copy of the source is its tables (foreign key checks off while
 * they are made, so their order does not matter) and the native objects it was read with.
 */
export const mysqlPlanning: PlanningDialect = {
  name: 'mysql',
  displayName: 'MySQL 8 / MariaDB 10.11',
  prepare: async () => undefined,
  migration: mysqlMigration,
  diff: mysqlDiff,
  apply: mysqlApply,
  session: { timeouts: mysqlTimeouts, rollback: 'ROLLBACK' },
  planNotes: MYSQL_PLAN_NOTES,
  structure: (schema) => [
    { sql: 'SET SESSION foreign_key_checks = 0' },
    ...schema.tables.map((t) => ({ sql: createTableSql(t, schema) })),
    { sql: 'SET SESSION foreign_key_checks = 1' },
    ...(schema.native ?? []).map((o) => ({ sql: o.sql, optional: `${o.kind} ${o.name}` })),
  ],
  readBack: async (introspector, db) => {
    const { schema } = await introspector.introspect(db);
    return {
      ...schema,
      tables: schema.tables.filter((t) => t.name !== PROGRESS_TABLE),
      native: (schema.native ?? []).filter((o) => o.table !== PROGRESS_TABLE),
    };
  },
};
