import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { setNotNull } from './set-not-null.js';

before(prepareLint);

describe('lint/set-not-null', () => {
  it('passes: DROP NOT NULL, and SET NOT NULL on a table the file creates', () => {
    assert.deepEqual(
      findingLines(setNotNull, 'ALTER TABLE t ALTER COLUMN a DROP NOT NULL;\nCREATE TABLE n (a int);\nALTER TABLE n ALTER COLUMN a SET NOT NULL;\n'),
      [],
    );
  });

  it('fails: two columns in one statement, each at its SET NOT NULL', () => {
    const sql = 'ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL;\n';
    assert.deepEqual(findingLines(setNotNull, sql), [
      '1:30 warning: SET NOT NULL on `t.a` reads every row under an ACCESS EXCLUSIVE lock (reads and writes wait)',
      '1:59 warning: SET NOT NULL on `t.b` reads every row under an ACCESS EXCLUSIVE lock (reads and writes wait)',
    ]);
  });

  it('fails: on a 10-row table it is info', () => {
    const sql = 'ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n';
    assert.deepEqual(findingLines(setNotNull, sql, { t: { rows: 10, source: 'spec volume' } }), [
      '1:30 info: SET NOT NULL on `t.a` reads every row under an ACCESS EXCLUSIVE lock (reads and writes wait) (10 rows, spec volume)',
    ]);
  });
});
