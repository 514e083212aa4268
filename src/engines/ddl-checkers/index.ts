import type { DdlChecker } from './ddl-checker.js';
import { sqlfluffChecker } from './sqlfluff-checker.js';

/** Target name -> the checker of its DDL. Adding a target's checker is one line here. */
const CHECKERS: Readonly<Record<string, DdlChecker>> = {
  sqlserver: sqlfluffChecker('sqlserver', 'tsql'),
  oracle: sqlfluffChecker('oracle', 'oracle'),
  cockroachdb: sqlfluffChecker('cockroachdb', 'postgres'),
  clickhouse: sqlfluffChecker('clickhouse', 'clickhouse'),
};

export function ddlCheckerFor(target: string): DdlChecker | undefined {
  return Object.hasOwn(CHECKERS, target) ? CHECKERS[target] : undefined;
}
