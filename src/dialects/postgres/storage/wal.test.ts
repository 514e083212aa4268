import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateTableSize } from './table-size.js';
import { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';
import { estimateWriteLoad, leafWritesPerInsert } from './wal.js';

// event (id bigint identity, n int, at timestamptz default now()): primary key on id, an index on n.
const event = table(
  'event',
  [
    column('id', { kind: 'int64' }, { identity: 'always' }),
    column('n', { kind: 'int32' }),
    column('at', { kind: 'timestamp', withTimeZone: true }, { default: { kind: 'now' } }),
  ],
  {
    indexes: [{ name: 'event_n_idx', table: 'event', keys: [{ column: 'n' }], include: [], where: [], method: 'btree', unique: false, reason: 'test' }],
  },
);

describe('write load', () => {
  const size = estimateTableSize(schemaOf(event), event, () => 1_000_000, { indexGrowth: 'inserts' });

  it('the sizes it builds on: 48-byte tuples, 157 a page; appends at the key end, random on n', () => {
    assert.equal(size.tuple.tupleBytes, 48); // 24 + id 8, n 4, padding 4, at 8
    assert.equal(size.rowsPerPage, 157); // floor(8168 / 52)
    assert.deepEqual(
      size.indexes.map((i) => [i.insertPattern, i.rowsPerLeaf]),
      [
        ['sequential', 366], // floor(7333 / 20): fillfactor 90
        ['random', 280], // floor((8152 − 2539) / 20): about 69% full
      ],
    );
  });

  it('10 inserts/s: WAL records and page writes worked out by hand', () => {
    const load = estimateWriteLoad(size, 10, 1, { fullPageWriteMultiplier: 2, checkpointSeconds: 300 });
    // heap MAXALIGN(24 + 20 + 2 + 8 + (48 − 23)) = 80; each index MAXALIGN(24 + 20 + 2 + 2 + 16) = 64; commit 40.
    assert.equal(load.recordBytesPerInsert, 80 + 64 + 64 + 40);
    assert.equal(load.walBytesPerSecond, 10 * 248 * 2);
    // heap 1/157, primary key 1/366, the random index one page per insert.
    assert.ok(Math.abs(load.pageWritesPerSecond - 10 * (1 / 157 + 1 / 366 + 1)) < 1e-9, String(load.pageWritesPerSecond));
    assert.equal(load.leafReadsPerSecond, 10);
  });

  it('appends within each tenant cost a page per tenant per checkpoint, at most one per insert', () => {
    const index = { insertPattern: 'per-tenant-sequential' as const, rowsPerLeaf: 261 };
    assert.ok(Math.abs(leafWritesPerInsert(index, 2, 10, 300) - (1 / 261 + 10 / 600)) < 1e-12);
    assert.equal(leafWritesPerInsert(index, 2, 5000, 300), 1);
    assert.equal(leafWritesPerInsert({ insertPattern: 'sequential', rowsPerLeaf: 100 }, 2, 5000, 300), 0.01);
  });
});
