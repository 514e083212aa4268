import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { unfinishedTransaction } from './unfinished-transaction.js';

before(prepareLint);

describe('lint/unfinished-transaction', () => {
  it('passes: every transaction ends', () => {
    assert.deepEqual(findingLines(unfinishedTransaction, 'BEGIN;\nCREATE TABLE n (a int);\nCOMMIT;\nSTART TRANSACTION;\nROLLBACK;\n'), []);
  });

  it('fails: a BEGIN never committed; the autofix adds COMMIT at the end', () => {
    const sql = 'BEGIN;\nCREATE TABLE n (a int);\nBEGIN;\nALTER TABLE n ADD COLUMN b int;';
    assert.deepEqual(findingLines(unfinishedTransaction, sql), ['1:1 error: the transaction begun here is never committed: the file ends with it open']);
    assert.equal(fixed(unfinishedTransaction, sql), 'BEGIN;\nCREATE TABLE n (a int);\nBEGIN;\nALTER TABLE n ADD COLUMN b int;\nCOMMIT;\n');
  });
});
