import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { inconsistentNaming } from './inconsistent-naming.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const int = { kind: 'int64' } as const;
const pk = (name: string, col: string) => ({ primaryKey: { name: `${name}_pkey`, columns: [col] } });

describe('audit/inconsistent-naming', () => {
  it('passes: one convention throughout (single words fit any style; status and address are not plurals)', () => {
    const schema = schemaOf(
      table('customer', [column('id', int), column('full_name', { kind: 'text' }), column('address', { kind: 'text' })]),
      table('order_status', [column('id', int), column('label', { kind: 'text' })]),
    );
    assert.deepEqual(runRule(inconsistentNaming, auditContextOf(schema)), []);
  });

  it('fails: camelCase beside snake_case, plural beside singular, and `id` beside `<table>_id`', () => {
    const schema = schemaOf(
      table(
        'customers',
        [column('customer_id', int), column('full_name', { kind: 'text' }), column('createdAt', { kind: 'date' })],
        pk('customers', 'customer_id'),
      ),
      table('order_line', [column('id', int), column('unit_price', int)]),
      table('invoice', [column('id', int)]),
    );
    assert.equal(
      renderDiagnosticsText(runRule(inconsistentNaming, auditContextOf(schema))),
      [
        'info audit/inconsistent-naming: names mix case styles: snake_case (4, such as `customers.customer_id`, `customers.full_name`, `order_line`) and camelCase (1: `customers.createdAt`)',
        `  fix: Pick one convention for new names (the one most names already follow) and rename the others when they are next changed, with views or synonyms for old readers while clients move.`,
        'info audit/inconsistent-naming: table names mix plural and singular: singular (2: `order_line`, `invoice`) and plural (1: `customers`)',
        `  fix: Pick one convention for new names (the one most names already follow) and rename the others when they are next changed, with views or synonyms for old readers while clients move.`,
        'info audit/inconsistent-naming: primary-key columns are named in more than one style: `id` (2: `order_line.id`, `invoice.id`) and `<table>_id` (1: `customers.customer_id`)',
        `  fix: Pick one convention for new names (the one most names already follow) and rename the others when they are next changed, with views or synonyms for old readers while clients move.`,
      ].join('\n'),
    );
  });
});
