import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { longIdentifier } from './long-identifier.js';

before(prepareLint);

describe('lint/long-identifier', () => {
  it('passes: names of 63 bytes or fewer', () => {
    assert.deepEqual(findingLines(longIdentifier, 'CREATE TABLE aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (id bigint);\n'), []);
  });

  it('fails: a 64-character name, and a quoted name of 33 characters and 66 bytes', () => {
    const sql = 'CREATE TABLE aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (id bigint, "ééééééééééééééééééééééééééééééééé" int);\n';
    assert.deepEqual(findingLines(longIdentifier, sql), [
      '1:14 warning: `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa` is 64 bytes: PostgreSQL truncates it to `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`',
      '1:91 warning: `ééééééééééééééééééééééééééééééééé` is 66 bytes: PostgreSQL truncates it to `ééééééééééééééééééééééééééééééé`',
    ]);
  });
});
