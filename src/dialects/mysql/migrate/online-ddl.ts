import type { Blocked, StatementLock, TableLockMode, TableWork } from '../../locks.js';

/**
 * Which algorithm and lock each ALTER TABLE form of the plans takes on InnoDB, and what work it
 * does, from the two servers' online-DDL pages (SOURCES). Every statement the planner writes takes
 * its `ALGORITHM=… , LOCK=…` clause from this table, and the planner's lock facts are read back from
 * that clause: the SQL and the facts cannot part, and a server that cannot keep the promise refuses
 * the statement instead of silently copying the table.
 *
 * Where the servers differ the form both accept is chosen: MySQL 8 takes only LOCK=DEFAULT with
 * ALGORITHM=INSTANT ("Only LOCK=DEFAULT is supported for operations that are performed
 * instantly"), MariaDB takes LOCK=DEFAULT there too, so instant forms say `ALGORITHM=INSTANT,
 * LOCK=DEFAULT` (instant: a brief exclusive metadata lock, no row read).
 */
export const SOURCES = [
  'https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html',
  'https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-performance.html',
  'https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-limitations.html',
  'https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/',
  'https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-inplace-alter-algorithm/',
  'https://mariadb.com/kb/en/innodb-online-ddl-overview/',
] as const;

export type Algorithm = 'INSTANT' | 'INPLACE' | 'COPY';
export type LockClause = 'DEFAULT' | 'NONE' | 'SHARED' | 'EXCLUSIVE';

export interface OnlineDdlFact {
  readonly algorithm: Algorithm;
  readonly lock: LockClause;
  /** What it does to the rows under that algorithm: INPLACE may rebuild the table (a rewrite) or only build an index (a scan). */
  readonly work: TableWork;
  /** The servers that accept the form, as the pages say (and MariaDB 10.11 was seen to). */
  readonly servers: string;
}

/** The forms the plans use, by name. */
export const ONLINE_DDL = {
  'add column': {
    algorithm: 'INSTANT',
    lock: 'DEFAULT',
    work: 'metadata',
    servers: 'MySQL 8.0.12+ (at the end; anywhere from 8.0.29), MariaDB 10.3.2+ (at the end; anywhere from 10.4): added last, so both',
  },
  'drop column': {
    algorithm: 'INSTANT',
    lock: 'DEFAULT',
    work: 'metadata',
    servers: 'MySQL 8.0.29+, MariaDB 10.4+; older servers refuse it (INPLACE rebuilds the table there)',
  },
  'rename column': {
    algorithm: 'INPLACE',
    lock: 'NONE',
    work: 'metadata',
    servers: 'MySQL 8.0 (RENAME COLUMN; instant from 8.0.28, INPLACE accepted by all), MariaDB 10.5+ (RENAME COLUMN syntax)',
  },
  'set default': { algorithm: 'INSTANT', lock: 'DEFAULT', work: 'metadata', servers: 'MySQL 8.0, MariaDB 10.3+' },
  'widen varchar': {
    algorithm: 'INPLACE',
    lock: 'NONE',
    work: 'metadata',
    servers: 'MySQL 5.7+ and MariaDB 10.2+ while the length prefix keeps its size (under 256 bytes, or 256 and over, on both sides); otherwise refused',
  },
  'set not null': {
    algorithm: 'INPLACE',
    lock: 'NONE',
    work: 'rewrite',
    servers: 'MySQL 5.6+, MariaDB 10.0+ (strict sql_mode: a NULL left makes it fail); the table is rebuilt in place while DML goes on',
  },
  'drop not null': { algorithm: 'INPLACE', lock: 'NONE', work: 'rewrite', servers: 'MySQL 5.6+ (rebuilds), MariaDB 10.0+ (instant from 10.4)' },
  'change type': {
    algorithm: 'COPY',
    lock: 'SHARED',
    work: 'rewrite',
    servers: 'both: a type change is a table copy (reads go on, writes wait for the whole copy)',
  },
  'enum value at the end': {
    algorithm: 'INSTANT',
    lock: 'DEFAULT',
    work: 'metadata',
    servers: 'MySQL 8.0, MariaDB 10.3.7+, while the member count stays under 256 (the storage size stays one byte)',
  },
  'enum values changed': {
    algorithm: 'COPY',
    lock: 'SHARED',
    work: 'rewrite',
    servers: 'both: members inserted in the middle, reordered or removed change the stored numbers, a table copy',
  },
  'add index': { algorithm: 'INPLACE', lock: 'NONE', work: 'scan', servers: 'MySQL 5.6+, MariaDB 10.0+: built from a scan while DML goes on' },
  'drop index': { algorithm: 'INPLACE', lock: 'NONE', work: 'metadata', servers: 'MySQL 5.6+, MariaDB 10.0+' },
  'rename index': { algorithm: 'INPLACE', lock: 'NONE', work: 'metadata', servers: 'MySQL 5.7+, MariaDB 10.5+' },
  'add primary key': {
    algorithm: 'INPLACE',
    lock: 'NONE',
    work: 'rewrite',
    servers: 'MySQL 5.6+, MariaDB 10.0+: the clustered index is the table, so it is rebuilt',
  },
  'drop primary key': {
    algorithm: 'COPY',
    lock: 'SHARED',
    work: 'rewrite',
    servers: 'both: dropping the primary key without adding another is a table copy',
  },
  'add foreign key (checks off)': {
    algorithm: 'INPLACE',
    lock: 'NONE',
    work: 'metadata',
    servers: 'both, only with foreign_key_checks=0 ("Adding foreign keys needs foreign_key_checks=OFF"): existing rows are not checked',
  },
  'drop foreign key': { algorithm: 'INPLACE', lock: 'NONE', work: 'metadata', servers: 'MySQL 5.6+, MariaDB 10.0+' },
  'add check': { algorithm: 'COPY', lock: 'SHARED', work: 'rewrite', servers: 'MySQL 8.0.16+, MariaDB 10.2+: checked row by row in a table copy' },
  'drop check': { algorithm: 'INPLACE', lock: 'NONE', work: 'metadata', servers: 'MySQL 8.0.16+ (instant), MariaDB 10.2+' },
} as const satisfies Readonly<Record<string, OnlineDdlFact>>;

export type OnlineDdlForm = keyof typeof ONLINE_DDL;

/** The clause an ALTER TABLE of this form ends with. */
export const clauseOf = (form: OnlineDdlForm): string => `ALGORITHM=${ONLINE_DDL[form].algorithm}, LOCK=${ONLINE_DDL[form].lock}`;

/**
 * What the application cannot do while the statement runs, by its LOCK clause. NONE still takes a
 * brief exclusive metadata lock at the start and the end (the limitations page), so it blocks other
 * DDL and waits behind open transactions: `schema changes`, as PostgreSQL's SHARE UPDATE EXCLUSIVE.
 * An instant change holds its exclusive metadata lock only for the catalog write.
 */
const BY_LOCK: Readonly<Record<LockClause, { mode: TableLockMode; blocks: Blocked }>> = {
  NONE: { mode: 'ShareUpdateExclusive', blocks: 'schema changes' },
  SHARED: { mode: 'Share', blocks: 'writes' },
  EXCLUSIVE: { mode: 'AccessExclusive', blocks: 'reads and writes' },
  DEFAULT: { mode: 'AccessExclusive', blocks: 'reads and writes' },
};

const CLAUSE = /,\s*ALGORITHM\s*=\s*(INSTANT|INPLACE|COPY)\s*,\s*LOCK\s*=\s*(DEFAULT|NONE|SHARED|EXCLUSIVE)\s*$/i;
const ALTER = /^\s*ALTER\s+TABLE\s+((?:`(?:[^`]|``)+`\.)?`(?:[^`]|``)+`)\s+([\s\S]*)$/i;

/** The form an ALTER TABLE body is, from its first clause. */
function formOf(body: string, algorithm: Algorithm): OnlineDdlForm | undefined {
  const b = body.replace(/\s+/g, ' ');
  if (/^ADD COLUMN /i.test(b)) return 'add column';
  if (/^DROP COLUMN /i.test(b)) return 'drop column';
  if (/^RENAME COLUMN /i.test(b)) return 'rename column';
  if (/^ALTER COLUMN \S+ (SET|DROP) DEFAULT/i.test(b)) return 'set default';
  if (/^ADD (UNIQUE )?INDEX /i.test(b)) return 'add index';
  if (/^DROP INDEX /i.test(b)) return 'drop index';
  if (/^RENAME INDEX /i.test(b)) return 'rename index';
  if (/^(DROP PRIMARY KEY, )?ADD (CONSTRAINT \S+ )?PRIMARY KEY/i.test(b)) return 'add primary key';
  if (/^DROP PRIMARY KEY$/i.test(b.replace(/,\s*ALGORITHM.*$/i, ''))) return 'drop primary key';
  if (/^ADD CONSTRAINT \S+ FOREIGN KEY/i.test(b)) return 'add foreign key (checks off)';
  if (/^DROP FOREIGN KEY /i.test(b)) return 'drop foreign key';
  if (/^ADD CONSTRAINT \S+ CHECK/i.test(b)) return 'add check';
  if (/^DROP (CONSTRAINT|CHECK) /i.test(b)) return 'drop check';
  if (/^MODIFY /i.test(b)) {
    if (/ enum\(/i.test(b)) return algorithm === 'INSTANT' ? 'enum value at the end' : 'enum values changed';
    if (algorithm === 'COPY') return 'change type';
    return algorithm === 'INPLACE' && / NOT NULL\b/i.test(b) ? 'set not null' : algorithm === 'INPLACE' ? 'drop not null' : undefined;
  }
  return undefined;
}

/** The PostgreSQL-named modes this table maps MySQL's locks onto, back in MySQL's words. */
const MYSQL_LOCK_NAME: Partial<Record<TableLockMode, string>> = {
  ShareUpdateExclusive: 'LOCK=NONE (a brief metadata lock at start and end)',
  Share: 'LOCK=SHARED',
  AccessExclusive: 'an exclusive metadata lock',
  RowExclusive: 'row locks',
  AccessShare: 'no lock (a consistent read)',
};

const lock = (action: string, relation: string, mode: TableLockMode, blocks: Blocked, work: TableWork, unless?: string): StatementLock => ({
  action,
  relation,
  object: 'table',
  mode,
  dialectMode: MYSQL_LOCK_NAME[mode] ?? mode,
  blocks,
  work,
  // Every DDL statement commits the open transaction on MySQL and MariaDB: none runs inside one.
  inTransaction: false,
  ...(unless ? { unless } : {}),
});

/**
 * The locks one statement of a MySQL plan takes. An ALTER TABLE must end with its ALGORITHM and
 * LOCK clause (the planner's own statements always do; a missing one is a bug, so it throws).
 * A `widen varchar` MODIFY is told from a rebuild by the caller (`lighterWork`), since the text
 * alone does not say whether the type only grew.
 */
export function mysqlLocksOf(sql: string): StatementLock[] {
  const text = sql.trim();
  const alter = ALTER.exec(text);
  if (alter) {
    const clause = CLAUSE.exec(alter[2]!);
    if (!clause) throw new Error(`the planner wrote an ALTER TABLE without its ALGORITHM and LOCK clause: ${sql}`);
    const algorithm = clause[1]!.toUpperCase() as Algorithm;
    const lockClause = clause[2]!.toUpperCase() as LockClause;
    const form = formOf(alter[2]!, algorithm);
    if (!form) throw new Error(`the planner wrote an ALTER TABLE form the online-DDL table does not list: ${sql}`);
    const fact: OnlineDdlFact = ONLINE_DDL[form];
    const { mode, blocks } = BY_LOCK[lockClause];
    const work: TableWork = algorithm === 'INSTANT' ? 'metadata' : algorithm === 'COPY' ? 'rewrite' : fact.work;
    const how =
      algorithm === 'COPY'
        ? 'table copy'
        : algorithm === 'INSTANT'
          ? 'instant'
          : work === 'rewrite'
            ? 'in-place rebuild'
            : work === 'scan'
              ? 'in-place build'
              : 'in place';
    return [lock(`${form.toUpperCase()} (ALGORITHM=${algorithm}, LOCK=${lockClause}: ${how})`, alter[1]!, mode, blocks, work)];
  }
  const table = /^\s*(?:CREATE|DROP)\s+TRIGGER\s+[\s\S]*?\bON\s+(`(?:[^`]|``)+`)/i.exec(text);
  if (table) return [lock('CREATE/DROP TRIGGER', table[1]!, 'AccessExclusive', 'reads and writes', 'metadata')];
  const dropTable = /^\s*DROP\s+TABLE\s+((?:`(?:[^`]|``)+`\.)?`(?:[^`]|``)+`)/i.exec(text);
  if (dropTable) return [lock('DROP TABLE', dropTable[1]!, 'AccessExclusive', 'reads and writes', 'metadata')];
  const update = /^\s*UPDATE\s+((?:`(?:[^`]|``)+`\.)?`(?:[^`]|``)+`)/i.exec(text);
  if (update) return [lock('UPDATE … LIMIT (row locks on the rows it changes)', update[1]!, 'RowExclusive', 'nothing', 'metadata')];
  const select = /^\s*SELECT\b[\s\S]*?\bFROM\s+((?:`(?:[^`]|``)+`\.)?`(?:[^`]|``)+`)/i.exec(text);
  if (select) return [lock('SELECT (a consistent read, no lock)', select[1]!, 'AccessShare', 'nothing', 'scan')];
  // CREATE TABLE (a new table nobody uses yet), DROP TRIGGER IF EXISTS, SET: nothing existing is locked for long.
  return [];
}

export const mysqlLocks = { source: SOURCES, locksOf: mysqlLocksOf } as const;
