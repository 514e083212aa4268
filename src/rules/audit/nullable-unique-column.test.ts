import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { nullableUniqueColumn } from './nullable-unique-column.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const users = (emailNullable: boolean, partial = false) =>
  schemaOf(
    table('app_user', [column('id', { kind: 'int64' }), column('email', { kind: 'text' }, { nullable: emailNullable }), column('handle', { kind: 'text' })], {
      uniques: [{ name: 'app_user_handle_key', columns: ['handle'] }],
      indexes: [
        {
          name: 'app_user_email_key',
          table: 'app_user',
          keys: [{ column: 'email' }],
          include: [],
          where: [],
          method: 'btree',
          unique: true,
          reason: 'test',
          ...(partial ? { predicate: 'email IS NOT NULL' } : {}),
        },
      ],
    }),
  );

describe('audit/nullable-unique-column', () => {
  it('passes: NOT NULL key columns, and a partial unique index over the non-NULL rows', () => {
    assert.deepEqual(runRule(nullableUniqueColumn, auditContextOf(users(false))), []);
    assert.deepEqual(runRule(nullableUniqueColumn, auditContextOf(users(true, true))), []);
  });

  it('fails: a unique index over a nullable column', () => {
    assert.equal(
      renderDiagnosticsText(runRule(nullableUniqueColumn, auditContextOf(users(true)))),
      [
        'warning audit/nullable-unique-column: unique key `app_user_email_key` of `app_user` has nullable column `app_user.email`: rows with a NULL there are never duplicates',
        '  fix: make them NOT NULL once no row has a NULL (or declare the key NULLS NOT DISTINCT). SQL: ALTER TABLE "app_user" ALTER COLUMN "email" SET NOT NULL;',
      ].join('\n'),
    );
  });
});
