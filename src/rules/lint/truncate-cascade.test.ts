import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { truncateCascade } from './truncate-cascade.js';

before(prepareLint);

describe('lint/truncate-cascade', () => {
  it('passes: TRUNCATE without CASCADE', () => {
    assert.deepEqual(findingLines(truncateCascade, 'TRUNCATE t;\nTRUNCATE t, u RESTRICT;\n'), []);
  });

  it('fails: TRUNCATE … CASCADE, at the CASCADE', () => {
    const sql = 'TRUNCATE t, u CASCADE;\n';
    assert.deepEqual(findingLines(truncateCascade, sql), [
      '1:15 error: TRUNCATE … CASCADE of `t`, `u` also empties every table that references them, recursively',
    ]);
  });
});
