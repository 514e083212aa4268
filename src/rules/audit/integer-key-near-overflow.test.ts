import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { LogicalType } from '../../model/logical-type.js';
import { integerKeyNearOverflow } from './integer-key-near-overflow.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const INT_MAX = 2_147_483_647;
const shop = (type: LogicalType, lastValue: number | null, maxValue = INT_MAX) =>
  schemaOf(
    table('order', [column('id', type, { default: { kind: 'sequence', sequence: 'order_id_seq' }, sequence: { name: 'order_id_seq', lastValue, maxValue } })]),
    table('order_line', [column('id', { kind: 'int64' }), column('order_id', type)], {
      foreignKeys: [{ name: 'order_line_order_fk', columns: ['order_id'], refTable: 'order', refColumns: ['id'], onDelete: 'cascade', deferrable: false }],
    }),
  );

describe('audit/integer-key-near-overflow', () => {
  it('passes: below 80% of the range, a never-used sequence, and a bigint far from its maximum', () => {
    for (const schema of [
      shop({ kind: 'int32' }, 1_700_000_000),
      shop({ kind: 'int32' }, null),
      shop({ kind: 'int64' }, 1_900_000_000, Number.MAX_SAFE_INTEGER),
    ])
      assert.deepEqual(runRule(integerKeyNearOverflow, auditContextOf(schema)), []);
  });

  it("fails: an integer key at 88% of the type's maximum, widened with the column that references it", () => {
    assert.equal(
      renderDiagnosticsText(runRule(integerKeyNearOverflow, auditContextOf(shop({ kind: 'int32' }, 1_900_000_000)))),
      [
        "error audit/integer-key-near-overflow: `order.id` (int32) has used 88% of its range: its sequence `order_id_seq` is at 1,900,000,000 of 2,147,483,647 (the type's maximum)",
        '  fix: widen it to bigint, with the columns that reference it (order_line.order_id); each ALTER rewrites its table under an exclusive lock, so plan the window or copy the table online. SQL: ALTER TABLE "order" ALTER COLUMN "id" TYPE bigint; ALTER TABLE "order_line" ALTER COLUMN "order_id" TYPE bigint; ALTER SEQUENCE "order_id_seq" AS bigint;',
      ].join('\n'),
    );
  });

  it("fails: a bigint whose sequence's own maximum is the lower limit", () => {
    assert.equal(
      renderDiagnosticsText(runRule(integerKeyNearOverflow, auditContextOf(shop({ kind: 'int64' }, 950, 1000)))),
      [
        "error audit/integer-key-near-overflow: `order.id` (int64) has used 95% of its range: its sequence `order_id_seq` is at 950 of 1,000 (the sequence's maximum)",
        '  fix: the column is already bigint: raise the sequence\'s maximum (ALTER SEQUENCE "order_id_seq" NO MAXVALUE), or plan a new key before it runs out',
      ].join('\n'),
    );
  });
});
