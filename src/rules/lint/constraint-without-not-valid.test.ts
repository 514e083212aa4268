import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { findingLines, fixed, lintContext, prepareLint, rows } from '../../../test/lint-context.js';
import { constraintWithoutNotValid } from './constraint-without-not-valid.js';

before(prepareLint);

describe('lint/constraint-without-not-valid', () => {
  it('passes: NOT VALID then VALIDATE in a later transaction, and constraints on a table the file creates', () => {
    const sql = [
      'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;',
      'ALTER TABLE t VALIDATE CONSTRAINT c;',
      'CREATE TABLE n (a int, u_id int);',
      'ALTER TABLE n ADD CONSTRAINT n_u FOREIGN KEY (u_id) REFERENCES u (id);',
      '',
    ].join('\n');
    assert.deepEqual(runRule(constraintWithoutNotValid, lintContext(sql)), []);
  });

  it('fails: a CHECK without NOT VALID; the autofix adds NOT VALID and the VALIDATE', () => {
    const sql = 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);\n';
    assert.equal(
      renderDiagnosticsText(runRule(constraintWithoutNotValid, lintContext(sql))),
      [
        'm.sql:1:19: warning lint/constraint-without-not-valid: CHECK `c` added without NOT VALID holds an ACCESS EXCLUSIVE lock on `t` (reads and writes wait) while it reads every row',
        `  fix: ${constraintWithoutNotValid.meta.help}`,
        '  autofix: add NOT VALID, then VALIDATE CONSTRAINT c in its own statement',
      ].join('\n'),
    );
    assert.equal(fixed(constraintWithoutNotValid, sql), 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;\n');
  });

  it('fails: a foreign key locks both tables; sized by the table, 200M rows is an error', () => {
    assert.deepEqual(
      findingLines(constraintWithoutNotValid, 'ALTER TABLE app.t ADD CONSTRAINT f FOREIGN KEY (u_id) REFERENCES u (id);\n', { t: rows(200e6) }),
      [
        '1:23 error: FOREIGN KEY `f` added without NOT VALID takes SHARE ROW EXCLUSIVE locks on `app.t` and `u` (writes to both wait) while it reads every row of `app.t` (200M rows, spec volume)',
      ],
    );
  });

  it('fails: VALIDATE in the transaction that added the constraint NOT VALID', () => {
    const sql = 'BEGIN;\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;\nCOMMIT;\n';
    assert.deepEqual(findingLines(constraintWithoutNotValid, sql), [
      '3:1 warning: VALIDATE CONSTRAINT `c` runs in the transaction that added it NOT VALID: the lock the ADD took is held through the whole scan',
    ]);
  });
});
