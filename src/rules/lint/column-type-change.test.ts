import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { columnTypeChange } from './column-type-change.js';

before(prepareLint);

describe('lint/column-type-change', () => {
  it('passes: a type change on a table the file creates', () => {
    assert.deepEqual(
      findingLines(columnTypeChange, 'CREATE TABLE n (a int);\nALTER TABLE n ALTER COLUMN a TYPE bigint;\nALTER TABLE t ALTER COLUMN a SET DEFAULT 0;\n'),
      [],
    );
  });

  it('fails: two type changes, one with USING; sized by the table', () => {
    const sql = 'ALTER TABLE t ALTER COLUMN a TYPE bigint USING a::bigint, ALTER COLUMN b SET DATA TYPE varchar(20);\n';
    assert.deepEqual(findingLines(columnTypeChange, sql, { t: { rows: 3000000, source: 'spec volume' } }), [
      '1:28 error: `t.a` changes type to `bigint`: unless it is binary coercible, PostgreSQL rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (reads and writes wait) (3M rows, spec volume)',
      '1:72 error: `t.b` changes type to `varchar(20)`: unless it is binary coercible, PostgreSQL rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (reads and writes wait) (3M rows, spec volume)',
    ]);
  });
});
