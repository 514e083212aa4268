import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { floatOrMoneyTypeForMoney } from './float-or-money-type-for-money.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

describe('audit/float-or-money-type-for-money', () => {
  it('passes: amounts in numeric, and floats that are not money', () => {
    const schema = schemaOf(
      table('product', [
        column('id', { kind: 'int64' }),
        column('unit_price', { kind: 'decimal', precision: 19, scale: 4 }),
        column('weight_kg', { kind: 'float' }),
      ]),
    );
    assert.deepEqual(runRule(floatOrMoneyTypeForMoney, auditContextOf(schema)), []);
  });

  it('fails: a float named like money (snake or camel case), and the money type whatever its name', () => {
    const schema = schemaOf(
      table('invoice', [
        column('id', { kind: 'int64' }),
        column('grand_total', { kind: 'float' }),
        column('taxAmount', { kind: 'float' }),
        column('paid', { kind: 'money' }),
      ]),
    );
    assert.equal(
      renderDiagnosticsText(runRule(floatOrMoneyTypeForMoney, auditContextOf(schema))),
      [
        'warning audit/float-or-money-type-for-money: `invoice.grand_total` reads as money but is a float: amounts like 0.10 are not exact and sums drift',
        '  fix: make it numeric(19,4) (the ALTER rewrites the table). SQL: ALTER TABLE "invoice" ALTER COLUMN "grand_total" TYPE numeric(19,4);',
        'warning audit/float-or-money-type-for-money: `invoice.taxAmount` reads as money but is a float: amounts like 0.10 are not exact and sums drift',
        '  fix: make it numeric(19,4) (the ALTER rewrites the table). SQL: ALTER TABLE "invoice" ALTER COLUMN "taxAmount" TYPE numeric(19,4);',
        "warning audit/float-or-money-type-for-money: `invoice.paid` uses the `money` type, whose fraction and symbol depend on the server's locale",
        '  fix: make it numeric(19,4) (the ALTER rewrites the table). SQL: ALTER TABLE "invoice" ALTER COLUMN "paid" TYPE numeric(19,4) USING "paid"::numeric;',
      ].join('\n'),
    );
  });
});
