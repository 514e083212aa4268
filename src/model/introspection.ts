import type { Schema } from './schema.js';

/**
 * What reading an existing database (or a SQL file) gives: the schema in the one model, where it
 * came from, and how far back its usage statistics reach.
 */
export interface Introspection {
  readonly schema: Schema;
  readonly source: IntrospectionSource;
  /**
   * When the usage counters (scans, writes) started counting (ISO 8601): the statistics window an
   * unused-index finding states. Null when the database does not say (a freshly loaded file).
   */
  readonly statsSince: string | null;
  /** For a SQL file: every statement, with how it was read. */
  readonly statements?: readonly StatementAccount[];
}

export interface IntrospectionSource {
  /** The dialect the schema was read with: `postgres`, `mysql`. */
  readonly dialect: string;
  readonly kind: 'live' | 'sql-file' | 'spec';
  /** The redacted connection URL or the file path: safe to print. */
  readonly location: string;
  /** The engine and version that read it, as it reports itself. */
  readonly serverVersion: string;
  /** The database schemas (namespaces) read. */
  readonly namespaces: readonly string[];
}

/** How one statement of a SQL file was read. */
export interface StatementAccount {
  /** 1-based position of the statement in the file. */
  readonly index: number;
  /** Where the statement starts in the file (1-based). */
  readonly line: number;
  readonly column: number;
  /** What it is, from the parse tree: `CREATE TABLE public.orders`, `CREATE FUNCTION audit_row`. */
  readonly summary: string;
  /**
   * `executed`: run on the embedded engine and read back from its catalog; `parse-tree`: the engine
   * could not run it, so it was read from the parser's tree alone; `skipped`: neither (the reason says why).
   */
  readonly how: 'executed' | 'parse-tree' | 'skipped';
  readonly reason?: string;
}
