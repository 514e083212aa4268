import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { missingStatementTimeout } from './missing-statement-timeout.js';

before(prepareLint);

describe('lint/missing-statement-timeout', () => {
  it('passes: statement_timeout set before, and statements that lock no existing table', () => {
    assert.deepEqual(findingLines(missingStatementTimeout, "CREATE TABLE n (a int);\nSET statement_timeout = '5min';\nCREATE INDEX i ON t (a);\n"), []);
  });

  it('fails: no statement_timeout, also in a DO block; the autofix sets it before the first', () => {
    const sql = 'DO $$ BEGIN\n  ALTER TABLE t ADD COLUMN b int;\nEND $$;\nCREATE INDEX i ON t (a);\n';
    assert.deepEqual(findingLines(missingStatementTimeout, sql), [
      '2:3 warning: `ADD COLUMN` takes an ACCESS EXCLUSIVE lock on `t` (reads and writes wait) and changes only the catalog, with no statement_timeout set: a longer run than planned holds the lock until it ends',
      '4:1 warning: `CREATE INDEX` takes a SHARE lock on `t` (writes wait) and reads every row, with no statement_timeout set: a longer run than planned holds the lock until it ends',
    ]);
    assert.equal(
      fixed(missingStatementTimeout, sql),
      "SET statement_timeout = '5min';\nDO $$ BEGIN\n  ALTER TABLE t ADD COLUMN b int;\nEND $$;\nCREATE INDEX i ON t (a);\n",
    );
  });
});
