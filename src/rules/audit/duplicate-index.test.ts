import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { Index } from '../../model/schema.js';
import { duplicateIndex } from './duplicate-index.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const index = (name: string, columns: string[], extra: Partial<Index> = {}): Index => ({
  name,
  table: 'account',
  keys: columns.map((column) => ({ column })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'test',
  ...extra,
});
const account = (...indexes: Index[]) =>
  schemaOf(table('account', [column('id', { kind: 'int64' }), column('email', { kind: 'text' }), column('region', { kind: 'text' })], { indexes }));

describe('audit/duplicate-index', () => {
  it('passes: indexes that differ in keys, order, method or condition', () => {
    const schema = account(
      index('by_email', ['email']),
      index('by_email_region', ['email', 'region']),
      index('by_email_desc', [], { keys: [{ column: 'email', order: 'desc' }] }),
      index('by_email_hash', ['email'], { method: 'hash' }),
      index('by_email_eu', ['email'], { predicate: "region = 'eu'" }),
    );
    assert.deepEqual(runRule(duplicateIndex, auditContextOf(schema)), []);
  });

  it('fails: an index on the primary key columns, and two equal indexes where the unique one is kept', () => {
    const schema = account(index('account_id_idx', ['id']), index('by_email', ['email']), index('email_unique', ['email'], { unique: true }));
    assert.equal(
      renderDiagnosticsText(runRule(duplicateIndex, auditContextOf(schema))),
      [
        'warning audit/duplicate-index: index `account_id_idx` on `account` (id) duplicates `account_pkey`',
        '  fix: drop `account_id_idx` and keep `account_pkey`. SQL: DROP INDEX CONCURRENTLY "account_id_idx";',
        'warning audit/duplicate-index: index `by_email` on `account` (email) duplicates `email_unique`',
        '  fix: drop `by_email` and keep `email_unique`. SQL: DROP INDEX CONCURRENTLY "by_email";',
      ].join('\n'),
    );
  });
});
