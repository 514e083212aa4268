import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { missingLockTimeout } from './missing-lock-timeout.js';

before(prepareLint);

describe('lint/missing-lock-timeout', () => {
  it('passes: lock_timeout set before (SET, and SET LOCAL in the transaction), and statements that lock no existing table', () => {
    assert.deepEqual(
      findingLines(
        missingLockTimeout,
        "CREATE TABLE n (a int);\nSET lock_timeout = '2s';\nCREATE INDEX i ON t (a);\nRESET lock_timeout;\nBEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE t ADD COLUMN b int;\nCOMMIT;\n",
      ),
      [],
    );
  });

  it('fails: no lock_timeout; SET LOCAL ends with its transaction, 0 turns it off; the autofix sets it before the first', () => {
    const sql =
      "CREATE INDEX i ON t (a);\nBEGIN;\nSET LOCAL lock_timeout = '1s';\nCOMMIT;\nALTER TABLE t ADD COLUMN b int;\nSET lock_timeout = 0;\nDROP TABLE u;\n";
    assert.deepEqual(findingLines(missingLockTimeout, sql), [
      '1:1 warning: `CREATE INDEX` takes a SHARE lock on `t` (writes wait) and reads every row, with no lock_timeout set: while it waits for the lock, every query on the table waits behind it',
      '5:1 warning: `ADD COLUMN` takes an ACCESS EXCLUSIVE lock on `t` (reads and writes wait) and changes only the catalog, with no lock_timeout set: while it waits for the lock, every query on the table waits behind it',
      '7:1 warning: `DROP TABLE` takes an ACCESS EXCLUSIVE lock on `u` (reads and writes wait) and changes only the catalog, with no lock_timeout set (it is 0: off): while it waits for the lock, every query on the table waits behind it',
    ]);
    assert.equal(
      fixed(missingLockTimeout, sql),
      "SET lock_timeout = '5s';\nCREATE INDEX i ON t (a);\nBEGIN;\nSET LOCAL lock_timeout = '1s';\nCOMMIT;\nALTER TABLE t ADD COLUMN b int;\nSET lock_timeout = 0;\nDROP TABLE u;\n",
    );
  });
});
