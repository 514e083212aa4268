import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { Index } from '../../model/schema.js';
import { missingFkIndex } from './missing-fk-index.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const int = { kind: 'int64' } as const;
const index = (name: string, columns: string[], extra: Partial<Index> = {}): Index => ({
  name,
  table: 'order_line',
  keys: columns.map((column) => ({ column })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'test',
  ...extra,
});
const shop = (indexes: Index[], primaryKey = ['id']) =>
  schemaOf(
    table('order', [column('id', int)]),
    table('order_line', [column('id', int), column('order_id', int), column('line_no', int)], {
      primaryKey: { name: 'order_line_pkey', columns: primaryKey },
      foreignKeys: [{ name: 'order_line_order_fk', columns: ['order_id'], refTable: 'order', refColumns: ['id'], onDelete: 'cascade', deferrable: false }],
      indexes,
    }),
  );

describe('audit/missing-fk-index', () => {
  it('passes: an index, or the primary key, leads with the foreign-key columns', () => {
    assert.deepEqual(runRule(missingFkIndex, auditContextOf(shop([index('order_line_order_id_line_no_idx', ['order_id', 'line_no'])]))), []);
    assert.deepEqual(runRule(missingFkIndex, auditContextOf(shop([], ['order_id', 'line_no']))), []);
  });

  it('fails: no index, or only one where the columns come second, one that is partial, or one that is invalid', () => {
    const expected = [
      'warning audit/missing-fk-index: foreign key `order_line_order_fk` of `order_line` (order_id) → `order` has no index on its columns: each delete in `order` scans `order_line`',
      '  fix: index the foreign-key columns, concurrently (outside a transaction). SQL: CREATE INDEX CONCURRENTLY "order_line_order_id_idx" ON "order_line" ("order_id");',
    ].join('\n');
    for (const indexes of [
      [],
      [index('by_line', ['line_no', 'order_id'])],
      [index('open_lines', ['order_id'], { predicate: 'line_no > 0' })],
      [index('broken', ['order_id'], { valid: false })],
    ])
      assert.equal(renderDiagnosticsText(runRule(missingFkIndex, auditContextOf(shop(indexes)))), expected);
  });
});
