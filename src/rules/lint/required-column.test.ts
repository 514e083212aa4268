import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { requiredColumn } from './required-column.js';

before(prepareLint);

describe('lint/required-column', () => {
  it('passes: NOT NULL with a default, a nullable column, an identity, and a table the file creates', () => {
    assert.deepEqual(
      findingLines(
        requiredColumn,
        'ALTER TABLE t ADD COLUMN a int NOT NULL DEFAULT 0, ADD COLUMN b int, ADD COLUMN c bigint GENERATED ALWAYS AS IDENTITY;\nCREATE TABLE n (id bigint);\nALTER TABLE n ADD COLUMN d int NOT NULL;\n',
      ),
      [],
    );
  });

  it('fails: NOT NULL without a default', () => {
    const sql = 'ALTER TABLE t ADD COLUMN a int NOT NULL;\n';
    assert.deepEqual(findingLines(requiredColumn, sql), [
      '1:26 warning: `t.a` is added NOT NULL without a default: the statement fails if the table has rows, and inserts that omit the column fail',
    ]);
  });

  it('fails: on a table the spec says has rows it is an error: the statement fails', () => {
    const sql = 'ALTER TABLE t ADD COLUMN a int NOT NULL;\n';
    assert.deepEqual(findingLines(requiredColumn, sql, { t: { rows: 5000, source: 'spec volume' } }), [
      '1:26 error: `t.a` is added NOT NULL without a default: `t` has rows, so the statement fails',
    ]);
  });
});
