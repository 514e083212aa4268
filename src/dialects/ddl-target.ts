import type { LogicalType } from '../model/logical-type.js';
import type { Schema } from '../model/schema.js';
import type { DialectCapabilities } from './dialect.js';

/**
 * Something the model holds that a target cannot express, and what its DDL does instead. Every
 * substitution is stated in the design (design.json and the report), never dropped silently.
 */
export interface DdlSubstitution {
  /** What the target lacks, in a few words: `partial index`, `row-level security`, `deferrable constraint`. */
  readonly feature: string;
  /** The object it concerns: a table, `table.column`, an index, constraint or policy name. */
  readonly object: string;
  /** What the DDL does instead (a generated column and its index, a view, a trigger), or what the application must do. */
  readonly alternative: string;
}

/** A target's schema script: the statements, how many there are, and what it could not express. */
export interface DdlScript {
  readonly sql: string;
  /** Statements in `sql`, as the emitter wrote them (a checker that parses counts again). */
  readonly statements: number;
  readonly substitutions: readonly DdlSubstitution[];
}

export interface DdlTargetOptions {
  /**
   * The technology-catalog engine the script is written for, when it is one of the target's
   * `engines` (TiDB for the MySQL script): the target adds what that engine needs beyond the dialect.
   */
  readonly engine?: string;
}

/**
 * A database the design's schema can be compiled to. The analyses run on one full `Dialect`
 * (PostgreSQL today); every target, that dialect included, turns the finished schema into its own
 * DDL. Each dialect folder (`dialects/<name>/target.ts`) exports one; `dialects/targets.ts` lists them.
 */
export interface DdlTarget {
  /** Registry name and file name: `mysql` -> schema/mysql.sql. */
  readonly name: string;
  /** The engine and versions the DDL is written for: `MySQL 8.0+ / MariaDB 10.11+`. */
  readonly displayName: string;
  readonly capabilities: DialectCapabilities;
  /** Technology-catalog engine ids this target writes the schema for (`tidb` is written as MySQL). */
  readonly engines: readonly string[];
  /** Must be awaited once before `emitSchema` (a target may load a parser). */
  prepare(): Promise<void>;
  quoteIdentifier(name: string): string;
  columnType(type: LogicalType): string;
  emitSchema(schema: Schema, options?: DdlTargetOptions): DdlScript;
}
