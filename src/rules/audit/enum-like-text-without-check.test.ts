import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { Check } from '../../model/schema.js';
import { enumLikeTextWithoutCheck } from './enum-like-text-without-check.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const orders = (checks: Check[]) =>
  schemaOf(
    table(
      'order',
      [
        column('id', { kind: 'int64' }),
        column('status', { kind: 'string', length: 20 }),
        column('payment_state', { kind: 'enum', name: 'payment_state' }),
        column('statement', { kind: 'text' }),
      ],
      { checks },
    ),
  );

describe('audit/enum-like-text-without-check', () => {
  it('passes: a status with a check, an enum-typed state, and a name that only starts like one', () => {
    const check: Check = { name: 'order_status_check', rule: { kind: 'expression', sql: "status IN ('new', 'paid')", columns: ['status'] } };
    assert.deepEqual(runRule(enumLikeTextWithoutCheck, auditContextOf(orders([check]))), []);
  });

  it('fails: a status column with no check', () => {
    assert.equal(
      renderDiagnosticsText(runRule(enumLikeTextWithoutCheck, auditContextOf(orders([])))),
      [
        'info audit/enum-like-text-without-check: `order.status` reads as one of a few values but any text is accepted',
        '  fix: find the values in use (SELECT DISTINCT "status" FROM "order"), then limit it: ALTER TABLE "order" ADD CONSTRAINT "order_status_check" CHECK ("status" IN (…)) NOT VALID, then VALIDATE CONSTRAINT; or make it an enum type or a reference to a table of the values',
      ].join('\n'),
    );
  });
});
