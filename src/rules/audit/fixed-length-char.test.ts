import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import type { LogicalType } from '../../model/logical-type.js';
import { fixedLengthChar } from './fixed-length-char.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';

const countries = (type: LogicalType) => schemaOf(table('country', [column('id', { kind: 'int32' }), column('iso_code', type)]));

describe('audit/fixed-length-char', () => {
  it('passes: varchar', () => {
    assert.deepEqual(runRule(fixedLengthChar, auditContextOf(countries({ kind: 'string', length: 2 }))), []);
  });

  it('fails: char(2)', () => {
    assert.equal(
      renderDiagnosticsText(runRule(fixedLengthChar, auditContextOf(countries({ kind: 'char', length: 2 })))),
      [
        'warning audit/fixed-length-char: `country.iso_code` is char(2): shorter values are padded with spaces',
        '  fix: make it varchar (casting drops the padding; the ALTER rewrites the table), and add a CHECK on char_length if every value must have that length. SQL: ALTER TABLE "country" ALTER COLUMN "iso_code" TYPE varchar(2);',
      ].join('\n'),
    );
  });
});
