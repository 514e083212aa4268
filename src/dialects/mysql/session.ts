/**
 * The session settings of a MySQL or MariaDB connection. The two servers bound a statement with
 * different variables, so the flavour is read from VERSION() first and the SQL chosen for it here;
 * the driver (engines/mysql.ts) only runs what this file writes.
 */
export type MysqlFlavor = 'mariadb' | 'mysql';

/** MariaDB says so in VERSION() (`10.11.19-MariaDB-0+deb12u1`); MySQL's is bare (`8.4.3`). */
export const mysqlFlavorOf = (version: string): MysqlFlavor => (/mariadb/i.test(version) ? 'mariadb' : 'mysql');

/** The server as the tool names it: `MariaDB 10.11.19`, `MySQL 8.4.3`. */
export const describeMysqlVersion = (version: string): string =>
  mysqlFlavorOf(version) === 'mariadb' ? `MariaDB ${version.replace(/^5\.5\.5-/, '').replace(/-MariaDB.*$/i, '')}` : `MySQL ${version}`;

export const mysqlSession = {
  version: 'SELECT VERSION() AS version',
  /**
   * One SET for the whole session. It bounds every statement and lock wait: MariaDB's
   * max_statement_time (seconds, fractional) bounds every statement, MySQL's max_execution_time
   * (milliseconds) bounds SELECTs, which is all introspection runs; lock_wait_timeout (metadata
   * locks) and innodb_lock_wait_timeout (row locks) take whole seconds, at least 1. And it reads
   * TIMESTAMP values in UTC (time_zone '+00:00'), so the times read back are the same wherever the
   * server or the client stands.
   */
  settings(flavor: MysqlFlavor, statementMs: number, lockMs: number): string {
    const lockSeconds = Math.max(1, Math.ceil(lockMs / 1000));
    const rest = `lock_wait_timeout = ${lockSeconds}, innodb_lock_wait_timeout = ${lockSeconds}, time_zone = '+00:00'`;
    return flavor === 'mariadb'
      ? `SET SESSION max_statement_time = ${Math.max(0.001, statementMs / 1000)}, ${rest}`
      : `SET SESSION max_execution_time = ${Math.max(1, Math.trunc(statementMs))}, ${rest}`;
  },
  /** Every later transaction of the session may only read: a write or DDL fails with error 1792. */
  readOnly: 'SET SESSION TRANSACTION READ ONLY',
  /**
   * Settings run where the server has them, a failure ignored: MySQL 8 serves information_schema's
   * row counts, sizes and AUTO_INCREMENT from a cache kept a day by default, and an expiry of 0
   * makes them current (MySQL 5.7 and MariaDB have no such cache, nor the variable).
   */
  optional(flavor: MysqlFlavor): readonly string[] {
    return flavor === 'mysql' ? ['SET SESSION information_schema_stats_expiry = 0'] : [];
  },
} as const;
