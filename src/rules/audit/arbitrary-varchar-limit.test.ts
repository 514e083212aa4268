import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { arbitraryVarcharLimit } from './arbitrary-varchar-limit.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const people = (length: number) =>
  schemaOf(table('person', [column('id', { kind: 'int64' }), column('display_name', { kind: 'string', length }), column('bio', { kind: 'text' })]));

describe('audit/arbitrary-varchar-limit', () => {
  it('passes: text, and a limit that was chosen (120, 100)', () => {
    assert.deepEqual(runRule(arbitraryVarcharLimit, auditContextOf(people(120))), []);
    assert.deepEqual(runRule(arbitraryVarcharLimit, auditContextOf(people(100))), []);
  });

  it('fails: varchar(255)', () => {
    assert.equal(
      renderDiagnosticsText(runRule(arbitraryVarcharLimit, auditContextOf(people(255)))),
      [
        'info audit/arbitrary-varchar-limit: `person.display_name` is varchar(255), a limit that says nothing about its values',
        '  fix: make it text (no rewrite in PostgreSQL), with a CHECK on char_length if a real bound exists. SQL: ALTER TABLE "person" ALTER COLUMN "display_name" TYPE text;',
      ].join('\n'),
    );
  });
});
