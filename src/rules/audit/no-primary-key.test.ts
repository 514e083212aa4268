import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { noPrimaryKey } from './no-primary-key.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const noKey = { primaryKey: { name: '', columns: [] } };

describe('audit/no-primary-key', () => {
  it('passes: every table has a primary key', () => {
    assert.deepEqual(runRule(noPrimaryKey, auditContextOf(schemaOf(table('account', [column('id', { kind: 'int64' })])))), []);
  });

  it('fails: a table without one, with the fix from what the table has (a unique NOT NULL key, an `id`, or neither)', () => {
    const schema = schemaOf(
      table('event_log', [column('payload', { kind: 'json' })], noKey),
      table('tag', [column('id', { kind: 'int64' })], noKey),
      table('country', [column('code', { kind: 'char', length: 2 })], { ...noKey, uniques: [{ name: 'country_code_key', columns: ['code'] }] }),
    );
    assert.equal(
      renderDiagnosticsText(runRule(noPrimaryKey, auditContextOf(schema))),
      [
        'warning audit/no-primary-key: table `event_log` has no primary key',
        '  fix: add an identity column as the primary key (it rewrites the table), or declare the natural key the rows already have. SQL: ALTER TABLE "event_log" ADD COLUMN "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;',
        'warning audit/no-primary-key: table `tag` has no primary key',
        '  fix: make `id` the primary key (it fails while `id` has NULLs or duplicates: find them first). SQL: ALTER TABLE "tag" ADD PRIMARY KEY ("id");',
        'warning audit/no-primary-key: table `country` has no primary key',
        '  fix: promote the unique key `country_code_key` (code) to the primary key. SQL: ALTER TABLE "country" ADD PRIMARY KEY ("code");',
      ].join('\n'),
    );
  });
});
