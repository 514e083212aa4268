import type { LogicalType } from '../model/logical-type.js';
import type { ForeignKey } from '../model/schema.js';
import type { SqlSession } from './session.js';

/**
 * Moving rows between two engines (an engine switch): what each side of the copy says in its own
 * SQL. The source reads rows in primary-key batches as its driver gives them; the target writes
 * them and reads them back as canonical text. `transfer/` runs both and compares; the mapping
 * between the two schemas (`existing/switch/`) says which value kind each column is.
 */

/**
 * How a column's values are moved and compared, whatever the engines call the type. The canonical
 * text form of each kind is defined once, in `transfer/canonical.ts`.
 */
export type ValueKind =
  | 'integer'
  | 'decimal'
  | 'float'
  | 'bool'
  | 'text'
  | 'enum'
  | 'bytes'
  | 'bits'
  | 'date'
  | 'time'
  | 'duration'
  | 'timestamp'
  | 'timestamptz'
  | 'json'
  | 'set'
  | 'uuid';

export interface TransferColumn {
  readonly name: string;
  readonly kind: ValueKind;
  /** `bits`: the bit string's length (MySQL `bit(n)`). */
  readonly width?: number;
  /** How the source must read the value for the driver to hand it over intact: `wkb` for a spatial value (its well-known binary). */
  readonly sourceRead?: 'wkb';
  /** The column's type on the target, as its DDL declares it (the target casts key values to it). */
  readonly targetType: string;
}

/** One table as both sides move it: the same name and columns on both (the mapping keeps names). */
export interface TransferTable {
  readonly name: string;
  /** Every column the copy moves, in the table's order. */
  readonly columns: readonly TransferColumn[];
  /** The primary key's columns: the batches' keyset and the order both sides are read in. */
  readonly key: readonly string[];
}

/** A statement with its parameters, as `SqlSession.query` takes them. */
export interface BoundStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** What the source of a switch reads of a column that the model does not carry. */
export interface SourceColumnFacts {
  readonly table: string;
  readonly column: string;
  /** The bare type (`int`, `varchar`, `set`). */
  readonly dataType: string;
  /** The whole declaration (`int(10) unsigned`, `set('a','b')`, `bit(10)`, `tinyint(1)`). */
  readonly columnType: string;
  readonly collation: string | null;
  readonly charset: string | null;
  /** An ENUM's or SET's members, in declaration order. */
  readonly members?: readonly string[];
}

/** What the rows of a column hold that decides its mapping: counted on the source, read only. */
export interface SourceDataFacts {
  readonly table: string;
  readonly column: string;
  /** Dates with a zero year, month or day (`0000-00-00`, `2024-00-10`): PostgreSQL has no such date. */
  readonly zeroDates: number;
  /** Values of a `tinyint(1)` other than 0 and 1: it is not a boolean then. */
  readonly nonBoolean: number;
  /** `time` values outside a day (negative, or 24 hours and more): a duration, not a time of day. */
  readonly outsideDay: number;
}

/** The columns whose data is counted, and how (see `SourceDataFacts`). */
export interface DataFactsRequest {
  readonly table: string;
  readonly dates: readonly string[];
  readonly booleans: readonly string[];
  readonly times: readonly string[];
}

/** The side the rows come from. Reads only. */
export interface TransferSource {
  readonly dialect: string;
  /** Every column of the connection's database, with what the model does not carry. */
  columnFacts(db: SqlSession): Promise<SourceColumnFacts[]>;
  /** Counts what `SourceDataFacts` names, one statement per table. */
  dataFacts(db: SqlSession, requests: readonly DataFactsRequest[]): Promise<SourceDataFacts[]>;
  /** Rows after `after` (the last key of the batch before; none for the first), in key order, each column as `c0`, `c1`, …. */
  selectBatch(table: TransferTable, after: readonly unknown[] | undefined, limit: number): BoundStatement;
  countRows(table: string): string;
  /** The server settings change capture depends on (binary log, its format, GTIDs, retention), by name; null for one the server lacks. */
  captureSettings(db: SqlSession): Promise<Record<string, string | null>>;
}

/** A nondeterministic collation the target creates for a case-insensitive column. */
export interface CollationSpec {
  readonly name: string;
  /** `und-u-ks-level1`: case and accents ignored; `und-u-ks-level2`: case ignored. */
  readonly locale: string;
}

/** A target column type the logical model has no kind for, spelled by the target dialect. */
export type TargetNativeType =
  /** Four-byte floating point (MySQL FLOAT). */
  | { readonly kind: 'float4' }
  /** A signed span of time (MySQL TIME outside one day). */
  | { readonly kind: 'interval' }
  | { readonly kind: 'bits'; readonly width: number }
  /** A list of text values (MySQL SET). */
  | { readonly kind: 'text-list' }
  | { readonly kind: 'inet' }
  /** A text type under a collation: `C` for byte order, or one of the collations the switch creates. */
  | { readonly kind: 'collated'; readonly base: LogicalType; readonly collation: string };

/** The side the rows go to. */
export interface TransferTarget {
  readonly dialect: string;
  quoteIdentifier(name: string): string;
  columnType(type: LogicalType): string;
  nativeType(type: TargetNativeType): string;
  /** Conditions (the body of a CHECK) that keep what the source's type enforced. */
  readonly conditions: {
    nonNegative(column: string): string;
    /** MySQL YEAR: 1901 to 2155, or the zero year 0. */
    yearRange(column: string): string;
    /** Every element of a list column is one of `values`. */
    subsetOf(column: string, values: readonly string[]): string;
  };
  /** A list column's default, as SQL. */
  listDefault(values: readonly string[]): string;
  /** A bit string's default (`0101`), as SQL. */
  bitsDefault(bits: string): string;
  /** Statements that create the collations, before the tables. */
  collationsDdl(collations: readonly CollationSpec[]): string;
  /** A query whose one row's `ok` says the collation really ignores case here (an ICU build without locale data accepts the collation and compares deterministically). */
  collationProbe(name: string): string;
  /** The tables of `names` that already exist in the session's schema (a copy refuses to write into them). */
  existingTables(db: SqlSession, names: readonly string[]): Promise<string[]>;
  /** One statement that inserts a batch given as a JSON array of objects, column name -> the value's canonical text (a list for `set`). */
  insertBatch(table: TransferTable): string;
  /** Rows after `after` in key order: each column's canonical text as `c0`, `c1`, … and the key as text as `k0`, `k1`, …. */
  selectBatch(table: TransferTable, after: readonly string[] | undefined, limit: number): BoundStatement;
  countRows(table: string): string;
  /** The largest value of an integer column, as text (null on an empty table), as `v`. */
  maxValue(table: string, column: string): string;
  /** Makes an identity column hand out `next` next. */
  restartIdentity(table: string, column: string, next: bigint): string;
  /** Foreign keys added after the copy: NOT VALID, then validated (a scan that blocks no writes). */
  addForeignKeys(table: string, foreignKeys: readonly ForeignKey[]): string;
}
