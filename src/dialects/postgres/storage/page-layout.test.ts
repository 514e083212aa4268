import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { btreeEntryBytes, estimateBtreeBytes } from './page-layout.js';
import { formatBytes } from '../../../format.js';

describe('PostgreSQL B-tree size model', () => {
  // shared/notes: checked exactly on PostgreSQL 15 with 1M rows.
  it('primary key on a bigint: 2,745 pages', () => {
    assert.equal(btreeEntryBytes([{ kind: 'int64' }]), 20);
    assert.equal(estimateBtreeBytes([{ kind: 'int64' }], 1_000_000) / 8192, 2745);
  });

  it('(bigint, timestamptz): 3,832 leaf pages', () => {
    const pages = estimateBtreeBytes([{ kind: 'int64' }, { kind: 'timestamp', withTimeZone: true }], 1_000_000) / 8192;
    assert.ok(Math.abs(pages - 3853) / 3853 < 0.01, `${pages} pages, measured 3,853`);
  });

  it('formats bytes', () => {
    assert.equal(formatBytes(2745 * 8192), '21.4 MB');
  });
});
