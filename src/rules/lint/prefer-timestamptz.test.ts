import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { preferTimestamptz } from './prefer-timestamptz.js';

before(prepareLint);

describe('lint/prefer-timestamptz', () => {
  it('passes: timestamptz and timestamp with time zone', () => {
    assert.deepEqual(findingLines(preferTimestamptz, 'CREATE TABLE n (a timestamptz, b timestamp with time zone, c timestamptz(3));\n'), []);
  });

  it('fails: timestamp, timestamp(3) without time zone; the autofix writes timestamptz', () => {
    const sql = 'CREATE TABLE n (a timestamp, b timestamp(3) without time zone NOT NULL);\nALTER TABLE t ADD COLUMN c timestamp DEFAULT now();\n';
    assert.deepEqual(findingLines(preferTimestamptz, sql), [
      '1:19 warning: `n.a` is `timestamp`: a wall-clock time with no zone',
      '1:32 warning: `n.b` is `timestamp(3) without time zone`: a wall-clock time with no zone',
      '2:28 warning: `t.c` is `timestamp`: a wall-clock time with no zone',
    ]);
    assert.equal(
      fixed(preferTimestamptz, sql),
      'CREATE TABLE n (a timestamptz, b timestamptz(3) NOT NULL);\nALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();\n',
    );
  });
});
