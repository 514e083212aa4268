import type { StatementLock, TableWork } from '../../locks.js';
import { quoteMysqlIdentifier as q } from '../quote.js';

/**
 * MySQL's and MariaDB's online DDL, as each ALTER TABLE of a plan states it: the algorithm
 * (INSTANT: metadata only; INPLACE: no table copy, reads and writes go on, with or without a
 * rebuild of the table; COPY: the table is copied row by row) and the lock clause (NONE:
 * concurrent reads and writes; SHARED: reads only). Stating both makes the server refuse the
 * statement rather than quietly fall back to a slower algorithm or a stronger lock. The forms are
 * those both servers take (MySQL 8.0 "Online DDL Operations", MariaDB "InnoDB Online DDL
 * Operations"); each is run on MariaDB by the tests.
 */
export type Algorithm = 'INSTANT' | 'INPLACE' | 'COPY';
export type LockClause = 'NONE' | 'SHARED';

export const SOURCES: readonly string[] = [
  'https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html',
  'https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/',
  'https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-inplace-alter-algorithm/',
];

/** A table key (`orders`, `billing.orders`) as a statement names it. */
export const qualified = (key: string): string => key.split('.').map(q).join('.');

export interface OnlineAlter {
  readonly sql: string;
  readonly lock: StatementLock;
}

/** What the algorithm does to the rows, in the words a step's note uses. */
export function describeWork(algorithm: Algorithm, work: TableWork): string {
  if (algorithm === 'COPY') return 'the table is copied row by row (COPY), writes wait until it ends';
  if (algorithm === 'INSTANT') return 'metadata only (INSTANT)';
  if (work === 'rewrite') return 'the table is rebuilt in place (INPLACE), reads and writes go on';
  if (work === 'scan') return 'every row is read in place (INPLACE), reads and writes go on';
  return 'metadata only, in place (INPLACE)';
}

/**
 * `ALTER TABLE t <clauses>, ALGORITHM=…[, LOCK=…]` and the lock it takes, in the planner's terms: an
 * exclusive metadata lock for a moment (INSTANT; it waits behind open transactions), a shared
 * upgradable one for the run (INPLACE, LOCK=NONE: only other DDL waits), or a shared one that stops
 * writes for the run (COPY, LOCK=SHARED).
 */
export function onlineAlter(table: string, clauses: readonly string[], algorithm: Algorithm, work: TableWork, action: string): OnlineAlter {
  const lockClause: LockClause | undefined = algorithm === 'INSTANT' ? undefined : algorithm === 'COPY' ? 'SHARED' : 'NONE';
  const options = [`ALGORITHM=${algorithm}`, ...(lockClause ? [`LOCK=${lockClause}`] : [])].join(', ');
  const sql = `ALTER TABLE ${qualified(table)} ${clauses.join(', ')}, ${options}`;
  const lock: StatementLock =
    algorithm === 'INSTANT'
      ? {
          action: `${action} (ALGORITHM=INSTANT)`,
          relation: table,
          object: 'table',
          mode: 'AccessExclusive',
          blocks: 'reads and writes',
          work: 'metadata',
          inTransaction: false,
        }
      : algorithm === 'INPLACE'
        ? {
            action: `${action} (ALGORITHM=INPLACE, LOCK=NONE)`,
            relation: table,
            object: 'table',
            mode: 'ShareUpdateExclusive',
            blocks: 'schema changes',
            work,
            inTransaction: false,
          }
        : {
            action: `${action} (ALGORITHM=COPY, LOCK=SHARED)`,
            relation: table,
            object: 'table',
            mode: 'Share',
            blocks: 'writes',
            work: 'rewrite',
            inTransaction: false,
          };
  return { sql, lock };
}

/** A statement that takes an exclusive metadata lock for a moment and touches no row (CREATE, DROP, RENAME TABLE). */
export function metadataLock(table: string, action: string): StatementLock {
  return { action, relation: table, object: 'table', mode: 'AccessExclusive', blocks: 'reads and writes', work: 'metadata', inTransaction: false };
}
