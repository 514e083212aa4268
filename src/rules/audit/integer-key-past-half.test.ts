import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { integerKeyPastHalf } from './integer-key-past-half.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const tags = (lastValue: number, maxValue = 32_767) =>
  schemaOf(table('tag', [column('id', { kind: 'int16' }, { identity: 'by-default', sequence: { name: 'tag_id_seq', lastValue, maxValue } })]));

describe('audit/integer-key-past-half', () => {
  it('passes: below half the range, and from 80% on (the error rule reports it)', () => {
    assert.deepEqual(runRule(integerKeyPastHalf, auditContextOf(tags(16_000))), []);
    assert.deepEqual(runRule(integerKeyPastHalf, auditContextOf(tags(30_000))), []);
  });

  it("fails: a smallint identity at 61%, and a sequence capped below the type's maximum", () => {
    assert.equal(
      renderDiagnosticsText(runRule(integerKeyPastHalf, auditContextOf(tags(20_000)))),
      [
        "warning audit/integer-key-past-half: `tag.id` (int16) has used 61% of its range: its sequence `tag_id_seq` is at 20,000 of 32,767 (the type's maximum)",
        '  fix: widen it to bigint, with the columns that reference it; each ALTER rewrites its table under an exclusive lock, so plan the window or copy the table online. SQL: ALTER TABLE "tag" ALTER COLUMN "id" TYPE bigint; ALTER SEQUENCE "tag_id_seq" AS bigint;',
      ].join('\n'),
    );
    assert.equal(
      renderDiagnosticsText(runRule(integerKeyPastHalf, auditContextOf(tags(600, 1000)))),
      [
        "warning audit/integer-key-past-half: `tag.id` (int16) has used 60% of its range: its sequence `tag_id_seq` is at 600 of 1,000 (the sequence's maximum)",
        '  fix: raise the sequence\'s maximum to the column type\'s. SQL: ALTER SEQUENCE "tag_id_seq" NO MAXVALUE;',
      ].join('\n'),
    );
  });
});
