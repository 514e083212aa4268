import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsToastTable } from './heap-tuple.js';
import { fsmBytes, visibilityMapBytes } from './page-layout.js';
import { estimateTableSize } from './table-size.js';
import { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';

// shared/notes: (id bigint, fk bigint, n int, t text of 40 chars, ts timestamptz), 1M rows, checked on PostgreSQL 15.
const notesTable = table('notes', [
  column('id', { kind: 'int64' }),
  column('fk', { kind: 'int64' }),
  column('n', { kind: 'int32' }),
  column('t', { kind: 'text' }),
  column('ts', { kind: 'timestamp', withTimeZone: true }),
]);
const rowsOf = (rows: number) => () => rows;

describe('table size model', () => {
  it('the worked example of the notes: 96-byte tuples, 81 a page, 12,346 pages', () => {
    const size = estimateTableSize(schemaOf(notesTable), notesTable, rowsOf(1_000_000));
    assert.equal(size.tuple.tupleBytes, 96);
    assert.equal(size.rowsPerPage, 81);
    assert.equal(size.heapBytes, 101_138_432);
    assert.equal(size.indexes[0]!.bytes / 8192, 2745, 'primary key on a bigint');
  });

  it('a measured width replaces the typical one, and a NULL fraction mixes rows with and without the bitmap', () => {
    const stats = new Map([['notes', new Map([['t', { avgWidth: 100.5, nullFraction: 0 }]])]]);
    // pg_stats rounds down, so 101 bytes: 20 + 101 = 121, the timestamp aligned to 128, + 8; header 24.
    assert.equal(estimateTableSize(schemaOf(notesTable), notesTable, rowsOf(10), { columnStats: stats }).tuple.tupleBytes, 24 + 136);
    const nullable = table('n', [
      column('id', { kind: 'int64' }),
      ...Array.from({ length: 8 }, (_, i) => column(`c${i}`, { kind: 'int64' })),
      column('x', { kind: 'int64' }, { nullable: true }),
    ]);
    const half = new Map([['n', new Map([['x', { avgWidth: 8, nullFraction: 0.5 }]])]]);
    // Without NULL: 24 + 80; with: MAXALIGN(23 + 2) = 32 + 72.
    assert.equal(estimateTableSize(schemaOf(nullable), nullable, rowsOf(10), { columnStats: half }).tuple.tupleBytes, 104);
    assert.equal(estimateTableSize(schemaOf(nullable), nullable, rowsOf(10)).tuple.tupleBytes, 112, 'no statistics: filled, with the bitmap');
  });

  it('free space and visibility maps as VACUUM leaves them', () => {
    assert.equal(fsmBytes(0), 0);
    assert.equal(fsmBytes(1), 3 * 8192);
    assert.equal(fsmBytes(4069), 3 * 8192);
    assert.equal(fsmBytes(4070), 4 * 8192);
    assert.equal(visibilityMapBytes(32_672), 8192);
    assert.equal(visibilityMapBytes(32_673), 2 * 8192);
  });

  it('a TOAST table where CREATE TABLE makes one: unbounded values, or rows that could pass 2 kB', () => {
    assert.equal(needsToastTable(notesTable), true, 'text');
    assert.equal(needsToastTable(table('s', [column('id', { kind: 'int64' }), column('a', { kind: 'string', length: 254 })])), false);
    assert.equal(
      needsToastTable(table('s', [column('a', { kind: 'string', length: 300 }), column('b', { kind: 'string', length: 300 })])),
      true,
      '2 × 1,204 bytes at 4 bytes a character',
    );
  });

  it('deduplicates a low-cardinality key and scales a partial index by its share', () => {
    const parent = table('parent', [column('id', { kind: 'int64' })]);
    const child = table('child', [column('id', { kind: 'int64' }), column('parent_id', { kind: 'int64' }), column('state', { kind: 'enum', name: 'state' })], {
      foreignKeys: [{ name: 'child_parent_fk', columns: ['parent_id'], refTable: 'parent', refColumns: ['id'], onDelete: 'restrict', deferrable: false }],
      indexes: [
        { name: 'child_parent_idx', table: 'child', keys: [{ column: 'parent_id' }], include: [], where: [], method: 'btree', unique: false, reason: 'test' },
        {
          name: 'child_open_idx',
          table: 'child',
          keys: [{ column: 'id' }],
          include: [],
          where: [{ column: 'state', op: 'eq', values: ['open'] }],
          method: 'btree',
          unique: false,
          reason: 'test',
        },
      ],
    });
    const schema = { tables: [parent, child], enums: [{ name: 'state', values: ['open', 'closed', 'void', 'held'] }] };
    const rows = new Map([
      ['parent', 100],
      ['child', 1_000_000],
    ]);
    const size = estimateTableSize(schema, child, (t) => rows.get(t) ?? 0);
    const [pkey, byParent, open] = size.indexes;
    assert.equal(byParent!.deduplicated, true);
    assert.equal(pkey!.leafPages, 2733, '20-byte entries, 366 a leaf');
    // 10,000 rows per key: 75 posting tuples of 132 TIDs (MAXALIGN(16 + 792) + 4 = 812 bytes) and one
    // of 100 (620 bytes): 76 items averaging 809.5 bytes, 9 a leaf, 7,600 items.
    assert.equal(byParent!.leafPages, 845);
    assert.equal(open!.entries, 250_000);
  });
});
