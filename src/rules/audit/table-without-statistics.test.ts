import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { TableStats } from '../../model/schema.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';
import { tableWithoutStatistics } from './table-without-statistics.js';

const stats = (extra: Partial<TableStats>): TableStats => ({
  rows: 1200,
  tableBytes: 65536,
  indexBytes: 16384,
  toastBytes: 0,
  analyzedAt: '2026-11-30T02:00:00.000Z',
  seqScans: 3,
  indexScans: 10,
  writes: 40,
  ...extra,
});
const audit = (s: TableStats | undefined) => schemaOf(table('payment', [column('id', { kind: 'int64' })], s ? { stats: s } : {}));

describe('audit/table-without-statistics', () => {
  it('passes: an analyzed table, one with a row estimate (vacuumed), and no statistics read at all', () => {
    for (const s of [stats({}), stats({ analyzedAt: null }), undefined]) assert.deepEqual(runRule(tableWithoutStatistics, auditContextOf(audit(s))), []);
  });

  it('passes: a loaded file is not a live database, and is never reported', () => {
    const context = auditContextOf(audit(stats({ rows: null, analyzedAt: null })));
    const fromFile = { ...context, introspection: { ...context.introspection, source: { ...context.introspection.source, kind: 'sql-file' as const } } };
    assert.deepEqual(runRule(tableWithoutStatistics, fromFile), []);
  });

  it('fails: a live table never analyzed', () => {
    assert.equal(
      renderDiagnosticsText(runRule(tableWithoutStatistics, auditContextOf(audit(stats({ rows: null, analyzedAt: null }))))),
      [
        'warning audit/table-without-statistics: table `payment` has no statistics: it was never analyzed, so the planner guesses its size',
        '  fix: analyze it. SQL: ANALYZE "payment";',
      ].join('\n'),
    );
  });
});
