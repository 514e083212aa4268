import type { Node } from 'libpg-query';

/**
 * The table-level lock modes, weakest first (PostgreSQL's names: "Explicit Locking", 13.3.1). A
 * dialect without such modes maps its own onto the nearest (MySQL's metadata locks are exclusive
 * or shared), which is why the rules read `blocks` and never the mode's name.
 */
export const TABLE_LOCK_MODES = [
  'AccessShare',
  'RowShare',
  'RowExclusive',
  'ShareUpdateExclusive',
  'Share',
  'ShareRowExclusive',
  'Exclusive',
  'AccessExclusive',
] as const;
export type TableLockMode = (typeof TABLE_LOCK_MODES)[number];

/** What the application cannot do on the table while the lock is held. */
export type Blocked = 'nothing' | 'schema changes' | 'writes' | 'reads and writes';

/** What the statement does to the table's rows: copies every one, reads every one, or touches only the catalog. */
export type TableWork = 'rewrite' | 'scan' | 'metadata';

/** One lock a statement takes, on one table (or the table of a named index), and the work it does under it. */
export interface StatementLock {
  /** The form, as the dialect's documentation names it: `ADD COLUMN … DEFAULT volatile`, `CREATE INDEX`. */
  readonly action: string;
  /** The table locked, as written (`schema.table`); for a statement naming only an index, the index (`object` says so). */
  readonly relation: string;
  readonly object: 'table' | 'index';
  readonly mode: TableLockMode;
  /** The lock in the dialect's own words when its modes are not PostgreSQL's (MySQL: `LOCK=NONE`, an exclusive metadata lock); reports print it instead of `mode`. */
  readonly dialectMode?: string;
  readonly blocks: Blocked;
  readonly work: TableWork;
  /** False for the forms that refuse to run in a transaction block (`CREATE INDEX CONCURRENTLY`). */
  readonly inTransaction: boolean;
  /** When the work is less than `work` says (a binary-coercible type change, a NOT NULL proven by a CHECK). */
  readonly unless?: string;
}

/** A dialect's table of which lock each DDL statement takes, read from the parse tree. */
export interface DialectLocks {
  /** The documentation the table follows, for the reader to check it against. */
  readonly source: readonly string[];
  /** The locks one parsed statement takes, one per table and action; empty for a statement that locks no existing table. */
  locksOf(statement: Node): StatementLock[];
}
