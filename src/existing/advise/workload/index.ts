/** Workload sources for the index advisor: a SQL file, a spec's patterns, pg_stat_statements, a server log. */
export { workloadFromSqlFile, ASSUMED_RATE_PER_SECOND } from './from-sql-file.js';
export { workloadFromPatterns, type PatternInput } from './from-patterns.js';
export { workloadFromStatStatements, workloadFromStatRows, StatStatementsUnavailable, type StatStatementRow } from './from-stat-statements.js';
export { workloadFromLog } from './from-log.js';
export { readStatement } from './read-statement.js';
export type { QueryOrigin, QueryWrite, SkippedStatement, Workload, WorkloadQuery } from './workload.js';
