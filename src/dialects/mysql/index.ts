import type { Introspector } from '../introspection.js';
import { introspectMysql } from './introspect/introspect.js';

/** MySQL and MariaDB: reading live databases here; the schema script is the DDL target in target.ts (registered in dialects/targets.ts). */
export const mysqlIntrospector: Introspector = { dialect: 'mysql', introspect: introspectMysql };

/** The planner's MySQL/MariaDB half (ALGORITHM and LOCK stated per step), for the MySQL dialect to carry once it exists. */
export { mysqlMigration } from './migrate/index.js';
