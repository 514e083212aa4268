import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { volatileDefault } from './volatile-default.js';

before(prepareLint);

describe('lint/volatile-default', () => {
  it('passes: constant and stable defaults (PostgreSQL 11+ stores them once), and a table the file creates', () => {
    assert.deepEqual(
      findingLines(
        volatileDefault,
        "ALTER TABLE t ADD COLUMN a int DEFAULT 0, ADD COLUMN b timestamptz DEFAULT now(), ADD COLUMN c text DEFAULT 'x'::text, ADD COLUMN d date DEFAULT CURRENT_DATE;\nCREATE TABLE n (id bigint);\nALTER TABLE n ADD COLUMN u uuid DEFAULT gen_random_uuid();\n",
      ),
      [],
    );
  });

  it('fails: gen_random_uuid(), clock_timestamp() and an unknown function', () => {
    const sql =
      'ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid(), ADD COLUMN a int DEFAULT 0, ADD COLUMN at timestamptz DEFAULT clock_timestamp();\nALTER TABLE t ADD COLUMN f int DEFAULT my_fn(1, 2);\n';
    assert.deepEqual(findingLines(volatileDefault, sql), [
      '1:33 warning: `t.u` is added with the volatile default `gen_random_uuid()`: PostgreSQL rewrites every row under an ACCESS EXCLUSIVE lock (reads and writes wait)',
      '1:114 warning: `t.at` is added with the volatile default `clock_timestamp()`: PostgreSQL rewrites every row under an ACCESS EXCLUSIVE lock (reads and writes wait)',
      '2:32 warning: `t.f` is added with a default calling a function that may be volatile, `my_fn()`: PostgreSQL rewrites every row under an ACCESS EXCLUSIVE lock (reads and writes wait)',
    ]);
  });

  it('fails: the severity follows the rows: 200M rows is an error', () => {
    const sql = 'ALTER TABLE t ADD COLUMN r float8 DEFAULT random();\n';
    assert.deepEqual(findingLines(volatileDefault, sql, { t: { rows: 200000000, source: 'spec volume' } }), [
      '1:35 error: `t.r` is added with the volatile default `random()`: PostgreSQL rewrites every row under an ACCESS EXCLUSIVE lock (reads and writes wait) (200M rows, spec volume)',
    ]);
  });
});
