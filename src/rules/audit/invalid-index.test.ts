import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { invalidIndex } from './invalid-index.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const orders = (valid: boolean | undefined) =>
  schemaOf(
    table('order', [column('id', { kind: 'int64' }), column('placed_at', { kind: 'date' })], {
      indexes: [
        {
          name: 'order_placed_at_idx',
          table: 'order',
          keys: [{ column: 'placed_at' }],
          include: [],
          where: [],
          method: 'btree',
          unique: false,
          reason: 'test',
          ...(valid === undefined ? {} : { valid }),
        },
      ],
    }),
  );

describe('audit/invalid-index', () => {
  it('passes: a valid index, and one whose validity was not read', () => {
    assert.deepEqual(runRule(invalidIndex, auditContextOf(orders(true))), []);
    assert.deepEqual(runRule(invalidIndex, auditContextOf(orders(undefined))), []);
  });

  it('fails: an invalid index', () => {
    assert.equal(
      renderDiagnosticsText(runRule(invalidIndex, auditContextOf(orders(false)))),
      [
        'error audit/invalid-index: index `order_placed_at_idx` on `order` is invalid: queries never use it, writes still maintain it',
        '  fix: rebuild it without blocking writes (outside a transaction). SQL: REINDEX INDEX CONCURRENTLY "order_placed_at_idx";',
      ].join('\n'),
    );
  });
});
