import type { LogicalType } from '../model/logical-type.js';
import type { Schema } from '../model/schema.js';
import type { PlanFacts } from './plan-facts.js';
import type { Security } from '../model/parts/security.js';

/** What a dialect can do, so writers and analyses ask instead of testing the dialect's name. */
export interface DialectCapabilities {
  readonly transactionalDdl: boolean;
  readonly deferrableConstraints: boolean;
  readonly partialIndexes: boolean;
  readonly includeColumns: boolean;
  readonly enumTypes: boolean;
}

export interface DdlOptions {
  /** Emit COMMENT statements from descriptions (default true). */
  readonly comments?: boolean;
}

/** Everything that differs between databases lives behind this interface, one folder per dialect. */
export interface Dialect {
  /** Registry name, also the DDL file's name: `postgres` -> schema/postgres.sql. */
  readonly name: string;
  readonly displayName: string;
  readonly capabilities: DialectCapabilities;
  /** Must be awaited once before the synchronous methods (some dialects load a real parser). */
  prepare(): Promise<void>;
  quoteIdentifier(name: string): string;
  columnType(type: LogicalType): string;
  emitDdl(schema: Schema, options?: DdlOptions): string;
  /** Only the secondary indexes, to add them after data is loaded. */
  emitIndexes(schema: Schema): string;
  /** The statement that asks the engine for its plan (with execution when `analyze`). */
  explainStatement(sql: string, analyze: boolean): string;
  parsePlan(rows: readonly Record<string, unknown>[]): PlanFacts;
  /** Roles, grants and row-level security, as a script to run after the schema. */
  emitSecurity(schema: Schema, security: Security): string;
  /** The erasure of one data subject as parameterized statements, when the design has a plan. */
  emitErasure(schema: Schema, security: Security): string | undefined;
  /** Retention and partition-upkeep jobs with their schedule, when the design has any. */
  emitJobs(schema: Schema, security: Security): string | undefined;
}
