import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionRows } from '../../estimate/partition-rows.js';
import { insertRates, MONTH_SECONDS, projectRows, rowsAtMonth } from './projection.js';
import { column, schemaOf, table } from '../../model/test-tables.test-helper.js';

const year = 12 * MONTH_SECONDS;

describe('month-by-month rows', () => {
  it('grow by the growth per month', () => {
    const volume = { rows: 1000, growthPerMonth: 50, appendOnly: false };
    assert.deepEqual(
      [0, 1, 12].map((m) => rowsAtMonth(volume, m)),
      [1000, 1050, 1600],
    );
  });

  it('stop at growth × retention months, where deletes keep pace with inserts', () => {
    const volume = { rows: 100, growthPerMonth: 10, retentionSeconds: year, appendOnly: false };
    assert.deepEqual(
      [0, 1, 2, 3, 36].map((m) => rowsAtMonth(volume, m)),
      [100, 110, 120, 120, 120],
    );
  });

  it('a table above its retention level keeps its rows, unless dropping partitions returns them', () => {
    const volume = { rows: 200, growthPerMonth: 10, retentionSeconds: year, appendOnly: false };
    assert.deepEqual(
      [0, 1, 24].map((m) => rowsAtMonth(volume, m)),
      [200, 200, 200],
    );
    assert.deepEqual(
      [0, 1, 24].map((m) => rowsAtMonth(volume, m, true)),
      [200, 120, 120],
    );
  });

  it('tables without a volume follow their parents; rates come from growth unless given', () => {
    const a = table('a', [column('id', { kind: 'int64' })], { volume: { rows: 100, growthPerMonth: 10, appendOnly: false } });
    const b = table('b', [column('id', { kind: 'int64' })], { volume: { rows: 40, growthPerMonth: 0, appendOnly: false } });
    const link = table('a_b', [column('a_id', { kind: 'int64' }), column('b_id', { kind: 'int64' })], {
      kind: 'relation',
      primaryKey: { name: 'a_b_pkey', columns: ['a_id', 'b_id'] },
      foreignKeys: [
        { name: 'a_b_a_fk', columns: ['a_id'], refTable: 'a', refColumns: ['id'], onDelete: 'cascade', deferrable: false },
        { name: 'a_b_b_fk', columns: ['b_id'], refTable: 'b', refColumns: ['id'], onDelete: 'cascade', deferrable: false },
      ],
    });
    const schema = schemaOf(a, b, link);
    const months = projectRows(schema, 2);
    assert.deepEqual(
      months.map((m) => m.rows.get('a_b')),
      [200, 220, 240],
      'two links per row of the larger side',
    );
    const rates = insertRates(schema, months, new Map([['b', 3]]));
    assert.equal(rates.get('a')!.perSecond, 10 / MONTH_SECONDS);
    assert.deepEqual(rates.get('b'), { perSecond: 3, basis: 'given' });
    assert.equal(rates.get('a_b')!.perSecond, 20 / MONTH_SECONDS);
  });

  it('a partitioned table spreads its months of rows over the partitions they cover', () => {
    const t = table('e', [column('id', { kind: 'int64' }), column('at', { kind: 'timestamp', withTimeZone: true })], {
      partitioning: { method: 'range', column: 'at', interval: 'month', history: 24, premake: 3 },
    });
    const parts = partitionRows(t, 25_000, 24);
    assert.equal(parts.length, 28, '24 back, 3 ahead, and the default');
    assert.equal(parts.filter((p) => p > 0).length, 25, '24 months ending mid-month touch 25 partitions (the oldest days in the default)');
    assert.equal(parts[0], 1000);
    assert.equal(partitionRows(t, 100, 2).filter((p) => p > 0).length, 3);
  });
});
