import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { Column } from '../../model/schema.js';
import { piiWithoutHandling } from './pii-without-handling.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const text = { kind: 'text' } as const;
const shop = (email: Partial<Column>) =>
  schemaOf(
    table('customer', [column('id', { kind: 'int64' }), column('email', text, email), column('name', text, { pii: true }), column('loyalty_level', text)]),
    table('product', [column('id', { kind: 'int64' }), column('name', text), column('phone_count', { kind: 'int32' })]),
  );

describe('audit/pii-without-handling', () => {
  it("passes: personal columns marked pii or with a `pii:` comment; a product's name; a number named phone_count", () => {
    assert.deepEqual(runRule(piiWithoutHandling, auditContextOf(shop({ pii: true }))), []);
    assert.deepEqual(runRule(piiWithoutHandling, auditContextOf(shop({ comment: 'PII: support reads it; erased on request' }))), []);
  });

  it('fails: an email column with nothing recorded (its comment kept in the new one)', () => {
    assert.equal(
      renderDiagnosticsText(runRule(piiWithoutHandling, auditContextOf(shop({ comment: 'login' })))),
      [
        'info audit/pii-without-handling: `customer.email` looks like personal data and nothing records how it is handled',
        `  fix: record it in the column's comment, then say there who may read it, how long it is kept and how it is erased. SQL: COMMENT ON COLUMN "customer"."email" IS 'pii: personal data. login';`,
      ].join('\n'),
    );
  });
});
