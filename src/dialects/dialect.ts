import type { LogicalType } from '../model/logical-type.js';
import type { Schema } from '../model/schema.js';
import type { DialectLocks } from './locks.js';
import type { DialectDiff } from './diff.js';
import type { DialectMigration } from './migration.js';
import type { ApplyDialect } from './apply.js';
import type { PlanFacts } from './plan-facts.js';
import type { Security } from '../model/parts/security.js';
import type { ColumnStat, MeasuredTableSize, StoredTable } from '../model/measured.js';
import type { SeedOptions, SeedResult } from '../seed/load.js';
import type { WrittenPlan } from '../seed/written-key-plan.js';
import type { SqlSession } from './session.js';
import type { StorageModel } from './storage.js';

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

/** The engine's own account of what it holds, read after a load (verify compares the model with it). */
export interface DialectCatalog {
  /** After a bulk load: statistics and visibility information up to date (PostgreSQL: VACUUM ANALYZE). */
  readonly settleStatement: string;
  /** Statistics only, after indexes are added. */
  readonly analyzeStatement: string;
  /** Where the measured widths come from, as the verify report states it. */
  readonly statisticsBasis: string;
  /** The tables of the session's schema by name; a partitioned table sums its partitions. */
  tableSizes(db: SqlSession): Promise<Map<string, MeasuredTableSize>>;
  /** Table -> column -> measured width and NULL fraction, for every analyzed column. */
  columnStats(db: SqlSession): Promise<Map<string, Map<string, ColumnStat>>>;
  /** Every stored table (partitions, not their parents) with the catalog's rows and pages. */
  storedTables(db: SqlSession): Promise<StoredTable[]>;
  /** Partition (table or index) -> its root partitioned parent, so plans report what the design named. */
  partitionRoots(db: SqlSession): Promise<Map<string, string>>;
  readonly healthQueries: HealthQueries;
}

/** The statements an operator's monitoring runs for each alert the availability plan sets. */
export interface HealthQueries {
  readonly replicationLag: string;
  readonly connections: string;
  readonly cacheHitRatio: string;
  readonly deadTuples: string;
  readonly longTransactions: string;
  readonly transactionIdAge: string;
  readonly walArchiving: string;
}

/** The statements verify draws realistic parameter values with, from the seeded rows. */
export interface DialectSampling {
  /** `count` rows of the table in a stable pseudo-random order, the columns as c0, c1, …. */
  sampleRows(table: string, columns: readonly string[], count: number): string;
  /** The first integer in [$1, $2] that no row has in the column, as `v`. */
  firstFreeInteger(table: string, column: string): string;
  /** One above the column's largest value (1 on an empty table), as `v`. */
  aboveLargest(table: string, column: string): string;
  /** A row when some row has the value $1 in the column. */
  valueTaken(table: string, column: string): string;
  /** Parents for an insert's references: rows that exist, of one tenant, completing no key already in `table`, as `<alias>_<k>`. */
  writtenParents(
    table: string,
    plan: WrittenPlan,
    madeUp: (column: string) => unknown,
    count: number,
    mode: { readonly random: boolean; readonly absent: boolean },
  ): { sql: string; params: unknown[] };
}

/** Session settings: how the tool bounds its statements and keeps its objects apart from the user's. */
export interface DialectSession {
  /** Statements that bound every statement and lock wait of the session. */
  timeouts(statementMs: number, lockMs: number): string;
  /** Ends a transaction a failed step may have left open. */
  readonly rollback: string;
  /** Creates the schema and makes it the session's default; the function returned drops it and restores the previous default. */
  enterNewSchema(db: SqlSession, name: string): Promise<() => Promise<void>>;
}

/** Spreading one database over nodes by a key, where the dialect has an extension for it (PostgreSQL: Citus). */
export interface DialectSharding {
  /** The statements that distribute the tables: reference tables, then each table colocated with the anchor. */
  distributionDdl(plan: {
    readonly shardCount: number;
    readonly referenceTables: readonly string[];
    readonly colocatedTables: readonly { readonly table: string; readonly column: string }[];
    readonly anchorTable: string;
  }): string;
  /** How the cluster grows and a hot key is isolated, with the commands that do it. */
  resharding(key: string, anchorTable: string, shardCount: number, workers: number): string;
}

/** The statements that keep a materialized view fresh without blocking its readers. */
export interface MaterializedViewStatements {
  readonly uniqueIndex: string;
  readonly refresh: string;
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
  /** How the engine lays rows and indexes out on disk: the capacity analysis sizes through it. */
  readonly storage: StorageModel;
  readonly catalog: DialectCatalog;
  /** Absent where the dialect has no way to shard one database: scaling then stays on one primary. */
  readonly sharding?: DialectSharding;
  /** Which lock each DDL statement takes, for migration lint; absent where the dialect has no table of them yet. */
  readonly locks?: DialectLocks;
  /** Each schema change as statements in the dialect's safe forms, for migration plans; absent where the dialect cannot plan yet. */
  readonly migration?: DialectMigration;
  /** What running a plan on a live database needs (progress table, counted batches, lock-timeout errors); absent where apply cannot run yet. */
  readonly apply?: ApplyDialect;
  /** When two spellings of a schema are the same to the database, for the schema differ; absent: compared as written. */
  readonly diff?: DialectDiff;
  materializedView(name: string, uniqueKey: readonly string[]): MaterializedViewStatements;
  readonly session: DialectSession;
  readonly sampling: DialectSampling;
  /** Fills the applied schema (the session's default schema) with the planned synthetic rows, in one transaction. */
  seed(db: SqlSession, schema: Schema, options?: SeedOptions): Promise<SeedResult>;
  /** Retention and partition-upkeep jobs with their schedule, when the design has any. */
  emitJobs(schema: Schema, security: Security): string | undefined;
}
