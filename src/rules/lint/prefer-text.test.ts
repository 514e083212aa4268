import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { preferText } from './prefer-text.js';

before(prepareLint);

describe('lint/prefer-text', () => {
  it('passes: text, and varchar without a length', () => {
    assert.deepEqual(findingLines(preferText, 'CREATE TABLE n (a text, b varchar, c character varying);\n'), []);
  });

  it('fails: varchar(n) and character varying(n)', () => {
    const sql = 'CREATE TABLE n (a varchar(20), b character varying(5));\nALTER TABLE t ALTER COLUMN c TYPE varchar(100);\n';
    assert.deepEqual(findingLines(preferText, sql), [
      '1:19 warning: `n.a` is `varchar(20)`: changing its limit later is a type change',
      '1:34 warning: `n.b` is `character varying(5)`: changing its limit later is a type change',
      '2:35 warning: `t.c` is `varchar(100)`: changing its limit later is a type change',
    ]);
  });
});
