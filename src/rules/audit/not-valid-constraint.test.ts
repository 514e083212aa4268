import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { notValidConstraint } from './not-valid-constraint.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const int = { kind: 'int64' } as const;
const payments = (notValid: boolean) =>
  schemaOf(
    table('payment', [column('id', int), column('order_id', int), column('cents', int)], {
      foreignKeys: [
        { name: 'payment_order_fk', columns: ['order_id'], refTable: 'order', refColumns: ['id'], onDelete: 'restrict', deferrable: false, notValid },
      ],
      checks: [{ name: 'payment_cents_check', rule: { kind: 'range', column: 'cents', min: 0 }, notValid }],
    }),
  );

describe('audit/not-valid-constraint', () => {
  it('passes: validated constraints', () => {
    assert.deepEqual(runRule(notValidConstraint, auditContextOf(payments(false))), []);
  });

  it('fails: a NOT VALID foreign key and check', () => {
    assert.equal(
      renderDiagnosticsText(runRule(notValidConstraint, auditContextOf(payments(true)))),
      [
        'warning audit/not-valid-constraint: foreign key `payment_order_fk` → `order` on `payment` is NOT VALID: the rows from before it were never checked',
        '  fix: validate it (writes go on meanwhile). SQL: ALTER TABLE "payment" VALIDATE CONSTRAINT "payment_order_fk";',
        'warning audit/not-valid-constraint: check `payment_cents_check` on `payment` is NOT VALID: the rows from before it were never checked',
        '  fix: validate it (writes go on meanwhile). SQL: ALTER TABLE "payment" VALIDATE CONSTRAINT "payment_cents_check";',
      ].join('\n'),
    );
  });
});
