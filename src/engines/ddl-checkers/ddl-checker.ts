/**
 * Checks a target's DDL with that target's own engine or parser: the evidence a design states for
 * each script. A checker never guesses: when its engine or parser is missing it says so and how to
 * get it, and the script is reported as not checked.
 */
export type DdlCheckResult =
  | {
      readonly status: 'checked';
      /** Statements the engine ran or the parser read. */
      readonly statements: number;
      /** The parser that read the script: `SQLite 3.53.2`, `sqlfluff 1.4.5 (tsql dialect)`. */
      readonly parsedBy: string;
      /** The engine and version the script ran on, when it ran (`MariaDB 10.11.6`). */
      readonly executedOn?: string;
    }
  /** The engine or parser rejected the script: the message, and the statement when known. */
  | { readonly status: 'failed'; readonly message: string; readonly statement?: string }
  /** No engine or parser for the target here: why, and how to get one. */
  | { readonly status: 'unavailable'; readonly reason: string };

/** Where checkers may run scripts besides their embedded engines: servers the user named. */
export interface DdlCheckContext {
  /** A MySQL or MariaDB server (`mysql://…`): the MySQL script runs in a scratch database there, dropped afterwards. */
  readonly mysqlUrl?: string;
}

export interface DdlChecker {
  /** The `DdlTarget` name this checker is for. */
  readonly target: string;
  /** `executed` when it runs the script on an engine, `parsed` when a real parser for the dialect reads it. */
  readonly tier: 'executed' | 'parsed';
  check(sql: string, context: DdlCheckContext): Promise<DdlCheckResult>;
}
