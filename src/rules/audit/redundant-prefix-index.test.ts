import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { Index } from '../../model/schema.js';
import { redundantPrefixIndex } from './redundant-prefix-index.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const index = (name: string, columns: string[], extra: Partial<Index> = {}): Index => ({
  name,
  table: 'order',
  keys: columns.map((column) => ({ column })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'test',
  ...extra,
});
const orders = (...indexes: Index[]) =>
  schemaOf(table('order', [column('id', { kind: 'int64' }), column('customer_id', { kind: 'int64' }), column('placed_at', { kind: 'date' })], { indexes }));

describe('audit/redundant-prefix-index', () => {
  it('passes: a unique prefix, a prefix of a partial index, and keys in another order', () => {
    const schema = orders(
      index('by_customer_date', ['customer_id', 'placed_at'], { predicate: 'placed_at > now()' }),
      index('by_customer', ['customer_id']),
      index('by_date_customer', ['placed_at', 'customer_id']),
      index('one_per_date', ['placed_at'], { unique: true }),
    );
    assert.deepEqual(runRule(redundantPrefixIndex, auditContextOf(schema)), []);
  });

  it('fails: (customer_id) beside (customer_id, placed_at)', () => {
    const schema = orders(index('by_customer', ['customer_id']), index('by_customer_date', ['customer_id', 'placed_at']));
    assert.equal(
      renderDiagnosticsText(runRule(redundantPrefixIndex, auditContextOf(schema))),
      [
        'warning audit/redundant-prefix-index: index `by_customer` on `order` (customer_id) is a prefix of `by_customer_date` (customer_id, placed_at), which serves its lookups',
        '  fix: drop `by_customer`. SQL: DROP INDEX CONCURRENTLY "by_customer";',
      ].join('\n'),
    );
  });
});
