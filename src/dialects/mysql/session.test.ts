import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeMysqlVersion, mysqlFlavorOf, mysqlSession } from './session.js';

describe('MySQL/MariaDB session settings', () => {
  it('tells MariaDB from MySQL by VERSION()', () => {
    assert.equal(mysqlFlavorOf('10.11.19-MariaDB-0+deb12u1'), 'mariadb');
    assert.equal(mysqlFlavorOf('5.5.5-10.6.12-MariaDB'), 'mariadb');
    assert.equal(mysqlFlavorOf('8.4.3'), 'mysql');
    assert.equal(describeMysqlVersion('10.11.19-MariaDB-0+deb12u1'), 'MariaDB 10.11.19');
    assert.equal(describeMysqlVersion('5.5.5-10.6.12-MariaDB-log'), 'MariaDB 10.6.12');
    assert.equal(describeMysqlVersion('8.4.3'), 'MySQL 8.4.3');
  });

  it("bounds statements with each server's own variable, and lock waits in whole seconds", () => {
    assert.equal(
      mysqlSession.settings('mariadb', 1500, 200),
      "SET SESSION max_statement_time = 1.5, lock_wait_timeout = 1, innodb_lock_wait_timeout = 1, time_zone = '+00:00'",
    );
    assert.equal(
      mysqlSession.settings('mysql', 60_000, 5_000),
      "SET SESSION max_execution_time = 60000, lock_wait_timeout = 5, innodb_lock_wait_timeout = 5, time_zone = '+00:00'",
    );
    assert.deepEqual(mysqlSession.optional('mariadb'), []);
    assert.deepEqual(mysqlSession.optional('mysql'), ['SET SESSION information_schema_stats_expiry = 0']);
  });
});
