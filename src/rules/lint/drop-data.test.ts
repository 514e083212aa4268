import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { dropData } from './drop-data.js';

before(prepareLint);

describe('lint/drop-data', () => {
  it('passes: dropping an index, a default, or a table the file creates', () => {
    assert.deepEqual(
      findingLines(dropData, 'DROP INDEX CONCURRENTLY i;\nALTER TABLE t ALTER COLUMN a DROP DEFAULT;\nCREATE TABLE n (a int);\nDROP TABLE n;\n'),
      [],
    );
  });

  it('fails: columns, tables and a database', () => {
    const sql = 'ALTER TABLE t DROP COLUMN a, DROP COLUMN IF EXISTS b;\nDROP TABLE t, u;\nDROP DATABASE shop;\n';
    assert.deepEqual(findingLines(dropData, sql), [
      '1:15 warning: column `t.a` is dropped with its values',
      '1:30 warning: column `t.b` is dropped with its values',
      '2:1 warning: table `t` is dropped with its rows',
      '2:1 warning: table `u` is dropped with its rows',
      '3:1 error: database `shop` is dropped: every table in it is lost, and DROP DATABASE cannot run in a transaction to be rolled back',
    ]);
  });
});
