import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadForAnalysis, minimalSpec } from '../../../test/helpers.js';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { copiedAttribute } from './copied-attribute.js';

const shop = (orderFields: string) =>
  minimalSpec(`  customer:
    fields:
      full_name: string(200)!
  order:
    fields:
      customer: ref(customer)!
${orderFields}`);

describe('design/copied-attribute', () => {
  it('passes: a column beside a foreign key that names no attribute of the referenced table', async () => {
    const context = await loadForAnalysis(shop('      customer_note: text\n      shipping_name: string(200)\n'));
    assert.deepEqual(runRule(copiedAttribute, context), []);
  });

  it('fails: `order.customer_full_name` repeats `customer.full_name` through `customer_id`', async () => {
    const context = await loadForAnalysis(shop('      customer_full_name: string(200)\n'));
    assert.equal(
      renderDiagnosticsText(runRule(copiedAttribute, context)),
      [
        'warning design/copied-attribute: `order.customer_full_name` appears to copy `customer.full_name` (through `customer_id`), which can drift from it',
        '  fix: remove it and join through customer_id, or keep it if it is a snapshot taken at write time (say so in its description)',
      ].join('\n'),
    );
  });
});
