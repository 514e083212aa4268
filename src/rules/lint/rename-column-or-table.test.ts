import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { renameColumnOrTable } from './rename-column-or-table.js';

before(prepareLint);

describe('lint/rename-column-or-table', () => {
  it('passes: renaming an index, and a table the file creates', () => {
    assert.deepEqual(
      findingLines(
        renameColumnOrTable,
        'ALTER INDEX i RENAME TO i2;\nCREATE TABLE n (a int);\nALTER TABLE n RENAME COLUMN a TO b;\nALTER TABLE n RENAME TO n2;\n',
      ),
      [],
    );
  });

  it('fails: a column and a table renamed', () => {
    const sql = 'ALTER TABLE t RENAME COLUMN a TO b;\nALTER TABLE app.t RENAME TO t2;\n';
    assert.deepEqual(findingLines(renameColumnOrTable, sql), [
      '1:1 warning: column `t.a` is renamed to `b`: queries of the running application that name `a` fail',
      '2:1 warning: table `app.t` is renamed to `t2`: queries of the running application that name `app.t` fail',
    ]);
  });
});
