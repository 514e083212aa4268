import type { Node } from 'libpg-query';
import type { Severity, SourceLocation } from '../../diagnostics/diagnostic.js';
import type { LineIndex } from '../../diagnostics/line-index.js';
import type { StatementLock } from '../../dialects/locks.js';

/** What is known of a table the migration touches: from a spec's volumes now, from a live database later. */
export interface TableFacts {
  /** Rows in the table (or expected at the spec's volume). */
  readonly rows?: number;
  /** Rows written per second (inserts, updates, deletes), on average. */
  readonly writesPerSecond?: number;
  /** Where the numbers come from, for the message: `spec volume`, `pg_class`. */
  readonly source: string;
}

/** A token of the file: its kind as PostgreSQL's scanner names it, its text, and its character offsets. */
export interface LintToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** `SQL_COMMENT`, `C_COMMENT`, `IDENT`, `SCONST`, … (keywords are `keyword`). */
  readonly kind: string;
  /** The keyword in upper case (`INDEX`), when the token is one. */
  readonly keyword?: string;
}

/** The session settings a statement runs under, from the `SET`s before it. */
export interface TimeoutSettings {
  /** The value of the last `SET [LOCAL] lock_timeout` in force, if any (`'0'` turns it off). */
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
}

/** One statement of the file, with where it is and the state it runs in. */
export interface LintStatement {
  /** The parse tree node (a RawStmt's `stmt`). */
  readonly node: Node;
  /** The node's tag: `AlterTableStmt`, `IndexStmt`, … */
  readonly tag: string;
  /** Character offsets of the statement's text in the file (from its first token to before its `;`). */
  readonly start: number;
  readonly end: number;
  readonly sql: string;
  /** The statement's tokens, without comments. */
  readonly tokens: readonly LintToken[];
  /** Inside an explicit transaction (`BEGIN` … `COMMIT`), or in a `DO` block (which runs as one). */
  readonly inTransaction: boolean;
  /** The offset of the `BEGIN` of the transaction it runs in (the outermost), or of its `DO` block. */
  readonly transaction?: number;
  /** The file offset of a parse tree location (libpg-query's byte offsets, into the text the statement was parsed from). */
  at(location: number | undefined): number;
  /** The transactions open around it: 0 outside, 1 in one, 2 when a second `BEGIN` came before the first ended. */
  readonly transactionDepth: number;
  readonly settings: TimeoutSettings;
  /** The locks it takes, from the dialect's table. */
  readonly locks: readonly StatementLock[];
  /** Set when it was read from a `DO` block's body: the offset of the `DO` statement. */
  readonly inDoBlock?: number;
  /** Tables created earlier in the file (lower case, as written): a statement on one of them touches no existing rows. */
  readonly createdBefore: { has(name: string): boolean };
}

/** A `-- dbarchitect-ignore rule[, rule]` comment: it silences those rules on the statement that follows it. */
export interface IgnoreComment {
  readonly start: number;
  /** The rule names, or codes without `lint/`. */
  readonly rules: readonly string[];
  /** The offset of the statement it applies to; undefined when none follows. */
  readonly statementStart?: number;
}

/** What every lint rule reads: one migration file, parsed, with the state of each statement and what is known of its tables. */
export interface LintContext {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly statements: readonly LintStatement[];
  /** The transactions still open at the end of the file. */
  readonly openAtEnd: number;
  /** Where each still-open transaction began (offsets), outermost first. */
  readonly openTransactions: readonly number[];
  /** Table name (lower case, without the schema and with it) -> what is known of it. */
  readonly tables: ReadonlyMap<string, TableFacts>;
  /** Index name -> its table, from the spec and the file's own CREATE INDEX, so a DROP INDEX finds its table's size. */
  readonly indexTables: ReadonlyMap<string, string>;
  /** Enum type -> its values in the declared order (from the spec), for `enum-value-order`. */
  readonly enums: ReadonlyMap<string, readonly string[]>;
  readonly ignores: readonly IgnoreComment[];
  /** After the other rules ran: the ignore comments that silenced a finding (read by `unused-ignore`). */
  readonly usedIgnores?: ReadonlySet<IgnoreComment>;
}

/** The location of a character offset in the file. */
export const locationAt = (context: LintContext, offset: number): SourceLocation => ({ file: context.file, ...context.lines.position(offset) });

/** What is known of a table (or of an index's table), by its name as written, with or without a schema. */
export function factsOf(context: LintContext, relation: string, object: 'table' | 'index' = 'table'): TableFacts | undefined {
  const name = relation.toLowerCase();
  const table = object === 'index' ? (context.indexTables.get(name) ?? context.indexTables.get(bare(name))) : name;
  if (table === undefined) return undefined;
  return context.tables.get(table) ?? context.tables.get(bare(table));
}

const bare = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** True when the table was created earlier in the same file: its rows are the file's own, none yet. */
export const isNewTable = (statement: LintStatement, relation: string): boolean =>
  statement.createdBefore.has(relation.toLowerCase()) || statement.createdBefore.has(bare(relation.toLowerCase()));

/**
 * The size thresholds: below SMALL_TABLE_ROWS rows (and under BUSY_WRITES_PER_SECOND) a rewrite or
 * scan under a blocking lock takes well under a second (PostgreSQL copies on the order of a million
 * narrow rows a second), so it is reported as info; from LARGE_TABLE_ROWS rows, or at
 * BUSY_WRITES_PER_SECOND writes a second (a queue of blocked writers builds within the first
 * second), it is an error. Between them, or when nothing is known, the rule's own severity stands.
 */
export const SMALL_TABLE_ROWS = 100_000;
export const LARGE_TABLE_ROWS = 1_000_000;
export const BUSY_WRITES_PER_SECOND = 100;

/** The severity of a finding whose cost grows with the table, and the words saying why. */
export function sizeSeverity(facts: TableFacts | undefined, base: Severity): { severity: Severity; because: string } {
  if (!facts || (facts.rows === undefined && facts.writesPerSecond === undefined)) return { severity: base, because: '' };
  const rows = facts.rows ?? 0;
  const writes = facts.writesPerSecond ?? 0;
  const parts = [facts.rows !== undefined ? `${formatCount(rows)} rows` : '', facts.writesPerSecond !== undefined ? `${formatCount(writes)} writes/s` : '']
    .filter(Boolean)
    .join(', ');
  const because = ` (${parts}, ${facts.source})`;
  if (rows >= LARGE_TABLE_ROWS || writes >= BUSY_WRITES_PER_SECOND) return { severity: 'error', because };
  if (rows < SMALL_TABLE_ROWS) return { severity: 'info', because };
  return { severity: base, because };
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(1)}`;
}

/** The first token of the statement that is the keyword, from token `from` on. */
export const keywordToken = (statement: LintStatement, keyword: string, from = 0): LintToken | undefined =>
  statement.tokens.slice(from).find((t) => t.keyword === keyword);
