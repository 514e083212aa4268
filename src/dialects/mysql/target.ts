import type { DdlSubstitution, DdlTarget } from '../ddl-target.js';
import type { Schema } from '../../model/schema.js';
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
  emitSchema(schema, options = {}) {
    const ddl = emitMysqlDdl(schema);
    const substitutions = options.engine === 'tidb' ? [...ddl.substitutions, ...tidbKeys(schema)] : ddl.substitutions;
    return { sql: `${ddl.statements.join('\n\n')}\n`, statements: ddl.statements.length, substitutions };
  },
};

/**
 * TiDB runs the MySQL script, but an AUTO_INCREMENT key there hands out values in per-server
 * batches and, rising, sends every insert to the last region: a write hotspot. TiDB's own
 * AUTO_RANDOM (BIGINT keys only; not MySQL syntax, so not in the shared script) spreads them.
 */
function tidbKeys(schema: Schema): DdlSubstitution[] {
  return schema.tables.flatMap((table) =>
    table.columns
      .filter((c) => c.identity !== undefined && table.primaryKey.columns[0] === c.name)
      .map((c) => ({
        feature: 'AUTO_INCREMENT key on TiDB',
        object: `${table.name}.${c.name}`,
        alternative:
          c.type.kind === 'int64'
            ? 'declare it `BIGINT AUTO_RANDOM` on TiDB: a rising key sends every insert to one region (a write hotspot); AUTO_RANDOM spreads them (its values are not in insert order)'
            : 'make it a BIGINT with AUTO_RANDOM on TiDB, or another spread key: a rising key sends every insert to one region (a write hotspot)',
      })),
  );
}
