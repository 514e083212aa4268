import type { Introspector } from '../introspection.js';
import { introspectMysql } from './introspect/introspect.js';

/** MySQL and MariaDB: what the dialect folder offers so far is reading live databases (no design target yet). */
export const mysqlIntrospector: Introspector = { dialect: 'mysql', introspect: introspectMysql };
