import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { Index } from '../../model/schema.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';
import { unusedIndex } from './unused-index.js';

const SINCE = '2026-11-01T00:00:00.000Z';
const int = { kind: 'int64' } as const;
const index = (name: string, columns: string[], scans: number | null, extra: Partial<Index> = {}): Index => ({
  name,
  table: 'order',
  keys: columns.map((column) => ({ column })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  stats: { scans, bytes: 8 * 1024 * 1024 },
  reason: 'test',
  ...extra,
});
const orders = (...indexes: Index[]) =>
  schemaOf(
    table('order', [column('id', int), column('customer_id', int), column('number', int)], {
      foreignKeys: [{ name: 'order_customer_fk', columns: ['customer_id'], refTable: 'customer', refColumns: ['id'], onDelete: 'restrict', deferrable: false }],
      indexes,
    }),
  );

describe('audit/unused-index', () => {
  it('passes: scanned indexes, a unused unique or primary-key index, the only index of a foreign key, and no statistics at all', () => {
    const schema = orders(
      index('order_pkey', ['id'], 0, { unique: true }),
      index('order_number_key', ['number'], 0, { unique: true }),
      index('by_customer', ['customer_id'], 0),
      index('by_number', ['number', 'id'], 12),
      index('no_stats', ['number', 'customer_id'], null),
    );
    assert.deepEqual(runRule(unusedIndex, auditContextOf(schema, { statsSince: SINCE })), []);
    // Without a window (a freshly loaded file) the counters mean nothing: silence, not a guess.
    assert.deepEqual(runRule(unusedIndex, auditContextOf(orders(index('by_number', ['number'], 0)), { statsSince: null })), []);
    // Nor in a file loaded into an engine that reports a window: nothing ran on it yet.
    const loaded = auditContextOf(orders(index('by_number', ['number'], 0)), { statsSince: SINCE });
    const fromFile = { ...loaded, introspection: { ...loaded.introspection, source: { ...loaded.introspection.source, kind: 'sql-file' as const } } };
    assert.deepEqual(runRule(unusedIndex, fromFile), []);
  });

  it('fails: of two unused indexes serving a foreign key, the wider one (the narrowest stays for the key)', () => {
    const schema = orders(index('by_customer', ['customer_id'], 0), index('by_customer_number', ['customer_id', 'number'], 0));
    assert.deepEqual(
      runRule(unusedIndex, auditContextOf(schema, { statsSince: SINCE })).map((d) => d.message.split(' has ')[0]),
      ['index `by_customer_number` on `order`'],
    );
  });

  it('fails: an index with no scans in the window, stated in the message', () => {
    const schema = orders(
      index('by_number', ['number'], 0),
      index('by_customer', ['customer_id'], 0),
      index('by_customer_number', ['customer_id', 'number'], 40),
    );
    assert.equal(
      renderDiagnosticsText(runRule(unusedIndex, auditContextOf(schema, { statsSince: SINCE }))),
      [
        'warning audit/unused-index: index `by_number` on `order` has not been scanned since 2026-11-01T00:00:00.000Z (the statistics window), yet every write to `order` maintains it (8.0 MB)',
        '  fix: drop it once no replica or rare job needs it. SQL: DROP INDEX CONCURRENTLY "by_number";',
        'warning audit/unused-index: index `by_customer` on `order` has not been scanned since 2026-11-01T00:00:00.000Z (the statistics window), yet every write to `order` maintains it (8.0 MB)',
        '  fix: drop it once no replica or rare job needs it. SQL: DROP INDEX CONCURRENTLY "by_customer";',
      ].join('\n'),
    );
  });
});
