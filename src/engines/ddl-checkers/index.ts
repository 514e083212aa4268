import { clickhouseChecker } from './clickhouse.js';
import type { DdlChecker } from './ddl-checker.js';
import { mysqlChecker } from './mysql.js';
import { sqlfluffChecker } from './sqlfluff-checker.js';
import { sqliteDdlChecker } from './sqlite.js';

/** Target name -> the checker of its DDL. Adding a target's checker is one line here. */
const CHECKERS: Readonly<Record<string, DdlChecker>> = {
  clickhouse: clickhouseChecker,
  cockroachdb: sqlfluffChecker('cockroachdb', 'postgres'),
  mysql: mysqlChecker,
  oracle: sqlfluffChecker('oracle', 'oracle'),
  sqlite: sqliteDdlChecker,
  sqlserver: sqlfluffChecker('sqlserver', 'tsql'),
};

export function ddlCheckerFor(target: string): DdlChecker | undefined {
  return Object.hasOwn(CHECKERS, target) ? CHECKERS[target] : undefined;
}
