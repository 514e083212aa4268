import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mysqlFlavorOf, mysqlSession } from './session.js';

describe('MySQL/MariaDB session settings', () => {
  it('tells MariaDB from MySQL by VERSION()', () => {
    assert.equal(mysqlFlavorOf('10.11.19-MariaDB-0+deb12u1'), 'mariadb');
    assert.equal(mysqlFlavorOf('5.5.5-10.6.12-MariaDB'), 'mariadb');
    assert.equal(mysqlFlavorOf('8.4.3'), 'mysql');
  });

  it("bounds statements with each server's own variable, and lock waits in whole seconds", () => {
    assert.equal(mysqlSession.timeouts('mariadb', 1500, 200), 'SET SESSION max_statement_time = 1.5, lock_wait_timeout = 1, innodb_lock_wait_timeout = 1');
    assert.equal(mysqlSession.timeouts('mysql', 60_000, 5_000), 'SET SESSION max_execution_time = 60000, lock_wait_timeout = 5, innodb_lock_wait_timeout = 5');
    assert.deepEqual(mysqlSession.optional('mariadb'), []);
    assert.deepEqual(mysqlSession.optional('mysql'), ['SET SESSION information_schema_stats_expiry = 0']);
  });
});
