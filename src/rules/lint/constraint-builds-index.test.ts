import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { constraintBuildsIndex } from './constraint-builds-index.js';

before(prepareLint);

describe('lint/constraint-builds-index', () => {
  it('passes: USING INDEX after a concurrent build, and a key on a table the file creates', () => {
    assert.deepEqual(
      findingLines(
        constraintBuildsIndex,
        'CREATE UNIQUE INDEX CONCURRENTLY t_a ON t (a);\nALTER TABLE t ADD CONSTRAINT t_a UNIQUE USING INDEX t_a;\nCREATE TABLE n (a int);\nALTER TABLE n ADD PRIMARY KEY (a);\n',
      ),
      [],
    );
  });

  it('fails: a named UNIQUE; the autofix builds the index concurrently and adopts it', () => {
    const sql = 'ALTER TABLE app.t ADD CONSTRAINT t_a_b UNIQUE (a, b);\n';
    assert.deepEqual(findingLines(constraintBuildsIndex, sql), [
      '1:23 warning: UNIQUE `t_a_b` builds its index on `app.t` under an ACCESS EXCLUSIVE lock (reads and writes wait for the whole build)',
    ]);
    assert.equal(
      fixed(constraintBuildsIndex, sql),
      'CREATE UNIQUE INDEX CONCURRENTLY t_a_b ON app.t (a, b);\nALTER TABLE app.t ADD CONSTRAINT t_a_b UNIQUE USING INDEX t_a_b;\n',
    );
  });

  it('fails: a PRIMARY KEY and an EXCLUDE; a 200M-row table makes it an error', () => {
    const sql = 'ALTER TABLE t ADD PRIMARY KEY (id);\nALTER TABLE r ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);\n';
    assert.deepEqual(findingLines(constraintBuildsIndex, sql, { t: { rows: 200000000, source: 'spec volume' } }), [
      '1:19 error: PRIMARY KEY builds its index on `t` under an ACCESS EXCLUSIVE lock (reads and writes wait for the whole build) (200M rows, spec volume)',
      '2:19 warning: EXCLUDE `no_overlap` builds its index on `r` under an ACCESS EXCLUSIVE lock (reads and writes wait for the whole build)',
    ]);
  });
});
