import type { DdlTarget } from './ddl-target.js';
import { clickhouseTarget } from './clickhouse/target.js';
import { cockroachTarget } from './cockroachdb/target.js';
import { mysqlTarget } from './mysql/target.js';
import { oracleTarget } from './oracle/target.js';
import { postgresTarget } from './postgres/target.js';
import { sqliteTarget } from './sqlite/target.js';
import { sqlServerTarget } from './sqlserver/target.js';

/** Explicit name -> DDL target. Adding a target is adding its folder and one line here. */
const TARGETS: Readonly<Record<string, DdlTarget>> = {
  clickhouse: clickhouseTarget,
  cockroachdb: cockroachTarget,
  mysql: mysqlTarget,
  oracle: oracleTarget,
  postgres: postgresTarget,
  sqlite: sqliteTarget,
  sqlserver: sqlServerTarget,
};

export const ddlTargetNames = (): string[] => Object.keys(TARGETS);

export function getDdlTarget(name: string): DdlTarget | undefined {
  return Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined;
}

/** The target that writes the schema of a technology-catalog engine (`tidb` -> mysql), if one does. */
export function ddlTargetForEngine(engineId: string): DdlTarget | undefined {
  return Object.values(TARGETS).find((t) => t.engines.includes(engineId));
}
