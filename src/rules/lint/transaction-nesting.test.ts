import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { transactionNesting } from './transaction-nesting.js';

before(prepareLint);

describe('lint/transaction-nesting', () => {
  it('passes: one transaction at a time, with a savepoint', () => {
    assert.deepEqual(findingLines(transactionNesting, 'BEGIN;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nCOMMIT;\nBEGIN;\nROLLBACK;\n'), []);
  });

  it('fails: a BEGIN inside a transaction, and a COMMIT with none open', () => {
    const sql = 'BEGIN;\nCREATE TABLE n (a int);\nBEGIN;\nCOMMIT;\nCOMMIT;\n';
    assert.deepEqual(findingLines(transactionNesting, sql), [
      '3:1 warning: `BEGIN` inside a transaction already open (line 1): PostgreSQL ignores it, and the next COMMIT ends both',
      '5:1 warning: `COMMIT` with no transaction open: it does nothing (PostgreSQL warns), so the statements it was meant to end ran outside a transaction',
    ]);
  });
});
