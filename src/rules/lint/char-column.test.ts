import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { charColumn } from './char-column.js';

before(prepareLint);

describe('lint/char-column', () => {
  it('passes: text, varchar and the one-byte "char"', () => {
    assert.deepEqual(findingLines(charColumn, 'CREATE TABLE n (a text, b varchar(3), c "char");\n'), []);
  });

  it('fails: char(n) and character(n) in CREATE TABLE, ADD COLUMN and ALTER TYPE', () => {
    const sql = 'CREATE TABLE n (code char(3), c character(2));\nALTER TABLE t ADD COLUMN k char(1), ALTER COLUMN x TYPE character(10);\n';
    assert.deepEqual(findingLines(charColumn, sql), [
      '1:22 warning: `n.code` is `char(3)`: blank-padded to its length',
      '1:33 warning: `n.c` is `character(2)`: blank-padded to its length',
      '2:28 warning: `t.k` is `char(1)`: blank-padded to its length',
      '2:57 warning: `t.x` is `character(10)`: blank-padded to its length',
    ]);
  });
});
