import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { TableStats } from '../../model/schema.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';
import { wideRowOnHotTable } from './wide-row-on-hot-table.js';

const SINCE = '2026-11-01T00:00:00.000Z';
const stats = (seqScans: number, toastBytes: number): TableStats => ({
  rows: 50_000,
  tableBytes: 400 * 1024 * 1024,
  indexBytes: 8 * 1024 * 1024,
  toastBytes,
  analyzedAt: SINCE,
  seqScans,
  indexScans: 20_000,
  writes: 1000,
});
const docs = (s: TableStats) => schemaOf(table('document', [column('id', { kind: 'int64' }), column('body', { kind: 'text' })], { stats: s }));
const estimate = new Map([['document', { bytes: 2100, outOfLine: ['body'] }]]);

describe('audit/wide-row-on-hot-table', () => {
  it('passes: a hot table with narrow rows, and a wide table that is rarely read', () => {
    assert.deepEqual(runRule(wideRowOnHotTable, auditContextOf(docs(stats(500, 0)), { statsSince: SINCE })), []);
    const cold = { ...stats(10, 300 * 1024 * 1024), indexScans: 5 };
    assert.deepEqual(runRule(wideRowOnHotTable, auditContextOf(docs(cold), { statsSince: SINCE, rowEstimates: estimate })), []);
  });

  it('fails: a hot table with TOAST bytes and a row the storage model moves out of line', () => {
    assert.equal(
      renderDiagnosticsText(runRule(wideRowOnHotTable, auditContextOf(docs(stats(5000, 300 * 1024 * 1024)), { statsSince: SINCE, rowEstimates: estimate }))),
      [
        'info audit/wide-row-on-hot-table: `document` is hot (25,000 scans since 2026-11-01T00:00:00.000Z) and its rows are wide: 300 MB is stored out of line (TOAST); the storage model moves `body` out of line (a typical row is about 2.1 kB)',
        '  fix: Select only the columns a query needs; move large, rarely read columns (documents, blobs, long JSON) to a 1:1 side table; or pick a cheaper compression (lz4) for them.',
      ].join('\n'),
    );
  });
});
