import type { DdlTarget } from '../ddl-target.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { emitMysqlDdl } from './ddl.js';
import { quoteMysqlIdentifier } from './quote.js';
import { mysqlColumnType } from './target-types.js';

/**
 * MySQL 8 and MariaDB 10.11 as a DDL target: one script both run (InnoDB, utf8mb4, backticks),
 * with every feature of the model MySQL lacks stated as a substitution. TiDB speaks MySQL's DDL.
 * The PostgreSQL parser is loaded to translate the model's expressions (index keys, view groups).
 */
export const mysqlTarget: DdlTarget = {
  name: 'mysql',
  displayName: 'MySQL 8.0+ / MariaDB 10.11+',
  capabilities: { transactionalDdl: false, deferrableConstraints: false, partialIndexes: false, includeColumns: false, enumTypes: true },
  engines: ['mysql', 'mariadb', 'tidb'],
  prepare: loadPgParser,
  quoteIdentifier: quoteMysqlIdentifier,
  // An enum's values live in the schema: emitSchema declares them per column; alone the type is ENUM.
  columnType: (type) => mysqlColumnType(type),
  emitSchema(schema) {
    const ddl = emitMysqlDdl(schema);
    return { sql: `${ddl.statements.join('\n\n')}\n`, statements: ddl.statements.length, substitutions: ddl.substitutions };
  },
};
