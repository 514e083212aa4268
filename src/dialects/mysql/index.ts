import type { Introspector } from '../introspection.js';
import { introspectMysql } from './introspect/introspect.js';

/** MySQL and MariaDB: reading live databases here; the schema script is the DDL target in target.ts (registered in dialects/targets.ts). */
export const mysqlIntrospector: Introspector = { dialect: 'mysql', introspect: introspectMysql };
