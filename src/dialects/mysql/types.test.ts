import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogicalType } from '../../model/logical-type.js';
import { integerMaximum, type MysqlColumnType, mysqlLogicalType } from './types.js';

/** COLUMN_TYPE → DATA_TYPE and the lengths information_schema gives beside it. */
function column(columnType: string): MysqlColumnType {
  const dataType = /^\w+/.exec(columnType)![0];
  const [a, b] = (/\((\d+)(?:,(\d+))?\)/.exec(columnType) ?? []).slice(1).map((n) => (n === undefined ? null : Number(n)));
  const chars = ['varchar', 'char'].includes(dataType);
  return {
    dataType,
    columnType,
    charMaxLength: chars ? (a ?? null) : null,
    numericPrecision: chars ? null : (a ?? null),
    numericScale: chars ? null : (b ?? null),
  };
}

const map = (columnType: string, jsonChecked = false): LogicalType => mysqlLogicalType(column(columnType), 'orders_status', jsonChecked);

describe('the MySQL/MariaDB reverse type mapping', () => {
  it('maps each type to its logical type', () => {
    const cases: [string, LogicalType][] = [
      ['varchar(120)', { kind: 'string', length: 120 }],
      ['char(2)', { kind: 'char', length: 2 }],
      ['tinytext', { kind: 'text' }],
      ['text', { kind: 'text' }],
      ['mediumtext', { kind: 'text' }],
      ['longtext', { kind: 'text' }],
      ['tinyint(1)', { kind: 'bool' }],
      ['tinyint(4)', { kind: 'int16' }],
      ['smallint(6)', { kind: 'int16' }],
      ['mediumint(9)', { kind: 'int32' }],
      ['int(11)', { kind: 'int32' }],
      ['int', { kind: 'int32' }],
      ['bigint(20)', { kind: 'int64' }],
      ['decimal(19,4)', { kind: 'decimal', precision: 19, scale: 4 }],
      ['float', { kind: 'float' }],
      ['double', { kind: 'float' }],
      ['date', { kind: 'date' }],
      ['time(3)', { kind: 'time' }],
      ['datetime(6)', { kind: 'timestamp', withTimeZone: false }],
      ['timestamp', { kind: 'timestamp', withTimeZone: true }],
      ['json', { kind: 'json' }],
      ['uuid', { kind: 'uuid' }],
      ['binary(16)', { kind: 'bytes' }],
      ['varbinary(255)', { kind: 'bytes' }],
      ['blob', { kind: 'bytes' }],
      ['longblob', { kind: 'bytes' }],
      ["enum('new','paid')", { kind: 'enum', name: 'orders_status' }],
    ];
    for (const [type, logical] of cases) assert.deepEqual(map(type), logical, type);
  });

  it('widens unsigned integers to the logical type that holds their range', () => {
    assert.deepEqual(map('smallint(5) unsigned'), { kind: 'int32' });
    assert.deepEqual(map('int(10) unsigned'), { kind: 'int64' });
    assert.deepEqual(map('bigint(20) unsigned'), { kind: 'int64' });
  });

  it("reads MariaDB's JSON, a LONGTEXT with a json_valid check, as json", () => {
    assert.deepEqual(map('longtext', true), { kind: 'json' });
  });

  it('keeps set, bit, year, spatial and network types native, with their declaration', () => {
    for (const type of ["set('a','b')", 'bit(8)', 'year(4)', 'point', 'geometry', 'inet6'])
      assert.deepEqual(map(type), { kind: 'native', dialect: 'mysql', sql: type });
  });

  it("gives an integer column's maximum, signed or not", () => {
    assert.equal(integerMaximum(column('int(11)')), 2_147_483_647);
    assert.equal(integerMaximum(column('int(10) unsigned')), 4_294_967_295);
    assert.equal(integerMaximum(column('smallint(6)')), 32_767);
    assert.equal(integerMaximum(column('tinyint(3) unsigned')), 255);
    assert.equal(integerMaximum(column('bigint(20)')), 2 ** 63);
    assert.equal(integerMaximum(column('varchar(10)')), undefined);
  });
});
