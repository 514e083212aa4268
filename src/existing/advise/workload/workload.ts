import type { QueryShape } from '../../../sql/query-shape.js';

/**
 * What the index advisor optimizes for: the statements a database runs, each with how often it
 * runs. Every source (a SQL file, the spec's access patterns, pg_stat_statements, a server log)
 * gives this one shape; only `origin` says where a query came from.
 */
export interface Workload {
  readonly queries: readonly WorkloadQuery[];
  /** What a weight counts: calls per second (a file's or a spec's rates), or calls seen (statistics, a log). */
  readonly weightUnit: 'per-second' | 'calls';
  /** Where the workload was read from, safe to print: `queries.sql`, `pg_stat_statements`, `postgresql.log`. */
  readonly source: string;
  /** Statements the source held that are not part of the workload, each with why (never silently dropped). */
  readonly skipped: readonly SkippedStatement[];
}

export interface WorkloadQuery {
  /** Stable within the workload: the pattern's name, a file's `-- name:`, else `q1`, `q2`, … in source order. */
  readonly id: string;
  /** One statement as it is explained: `$n` parameters are planned generically, literals as written. */
  readonly sql: string;
  /** The highest `$n` the statement uses (0 when it has none). */
  readonly parameters: number;
  /** How often it runs, in the workload's `weightUnit`: the factor its cost is multiplied by. */
  readonly weight: number;
  readonly shape: QueryShape;
  /** Set for INSERT, UPDATE and DELETE: each row it writes is maintenance on the indexes of its table. */
  readonly write?: QueryWrite;
  readonly origin: QueryOrigin;
}

export interface QueryWrite {
  readonly table: string;
  readonly kind: 'insert' | 'update' | 'delete';
  /** Columns an UPDATE sets: only indexes over them take a new entry (the others stay HOT-eligible). */
  readonly setColumns: readonly string[];
}

export type QueryOrigin =
  | { readonly kind: 'file'; readonly file: string; readonly line: number; readonly column: number; readonly rateBasis: 'stated' | 'assumed' }
  | { readonly kind: 'pattern'; readonly pattern: string }
  | { readonly kind: 'pg_stat_statements'; readonly queryids: readonly string[]; readonly calls: number; readonly meanMs: number; readonly totalMs: number }
  | { readonly kind: 'log'; readonly file: string; readonly line: number; readonly count: number; readonly totalMs: number };

export interface SkippedStatement {
  /** Where it was: `queries.sql:12:1`, `pg_stat_statements queryid 123`. */
  readonly at: string;
  readonly text: string;
  readonly reason: string;
}

/** `$n` as written, or the statement's own literals, as the workload explains it. */
export const isParameterized = (query: Pick<WorkloadQuery, 'parameters'>): boolean => query.parameters > 0;
