import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogicalType } from '../../../model/logical-type.js';
import { mysqlColumnDefault } from './defaults.js';

const text: LogicalType = { kind: 'string', length: 20 };
const int: LogicalType = { kind: 'int32' };
const bool: LogicalType = { kind: 'bool' };
const money: LogicalType = { kind: 'decimal', precision: 12, scale: 2 };
const stamp: LogicalType = { kind: 'timestamp', withTimeZone: true };

describe('MySQL and MariaDB column defaults', () => {
  it('MariaDB: a quoted string, a bare number, NULL, the current time and other expressions', () => {
    assert.deepEqual(mysqlColumnDefault('mariadb', "'it''s'", '', text), { kind: 'literal', value: "it's" });
    assert.deepEqual(mysqlColumnDefault('mariadb', "'5'", '', text), { kind: 'literal', value: '5' });
    assert.deepEqual(mysqlColumnDefault('mariadb', '5', '', int), { kind: 'literal', value: 5 });
    assert.deepEqual(mysqlColumnDefault('mariadb', '1.50', '', money), { kind: 'literal', value: 1.5 });
    assert.deepEqual(mysqlColumnDefault('mariadb', '1', '', bool), { kind: 'literal', value: true });
    assert.equal(mysqlColumnDefault('mariadb', 'NULL', '', text), undefined);
    assert.equal(mysqlColumnDefault('mariadb', null, '', text), undefined);
    assert.deepEqual(mysqlColumnDefault('mariadb', 'current_timestamp()', 'on update current_timestamp()', stamp), { kind: 'now' });
    assert.deepEqual(mysqlColumnDefault('mariadb', 'current_timestamp(3)', '', stamp), { kind: 'now' });
    assert.deepEqual(mysqlColumnDefault('mariadb', 'uuid()', '', text), { kind: 'expression', sql: 'uuid()' });
  });

  it('MySQL: a bare literal (quotes and all), DEFAULT_GENERATED expressions and CURRENT_TIMESTAMP', () => {
    assert.deepEqual(mysqlColumnDefault('mysql', "it's", '', text), { kind: 'literal', value: "it's" });
    assert.deepEqual(mysqlColumnDefault('mysql', "'quoted'", '', text), { kind: 'literal', value: "'quoted'" });
    assert.deepEqual(mysqlColumnDefault('mysql', 'NULL', '', text), { kind: 'literal', value: 'NULL' });
    assert.deepEqual(mysqlColumnDefault('mysql', '0', '', int), { kind: 'literal', value: 0 });
    assert.deepEqual(mysqlColumnDefault('mysql', '0', '', bool), { kind: 'literal', value: false });
    assert.deepEqual(mysqlColumnDefault('mysql', 'CURRENT_TIMESTAMP', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP', stamp), { kind: 'now' });
    assert.deepEqual(mysqlColumnDefault('mysql', 'CURRENT_TIMESTAMP', '', stamp), { kind: 'now' }, 'MySQL 5.7 marks nothing');
    assert.deepEqual(mysqlColumnDefault('mysql', 'uuid()', 'DEFAULT_GENERATED', text), { kind: 'expression', sql: 'uuid()' });
    assert.equal(mysqlColumnDefault('mysql', null, '', text), undefined);
  });
});
