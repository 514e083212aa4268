import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { applyTextEdits } from '../../diagnostics/text-edit.js';
import { lintContext, prepareLint } from '../../../test/lint-context.js';
import { lintMigration } from './support/lint-migration.js';
import { unusedIgnore } from './unused-ignore.js';

before(prepareLint);

// The rule reads which ignores the other rules' findings used, so the cases run the whole set (lintMigration).
const timeouts = "SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n";
const codes = (sql: string) => lintMigration(lintContext(timeouts + sql)).map((d) => `${d.location!.line - 2}:${d.location!.column} ${d.code}`);

describe('lint/unused-ignore', () => {
  it('passes: an ignore that silences its rule on the next statement, a list of rules, `all`, and a block comment', () => {
    const sql = [
      '-- dbarchitect-ignore drop-data',
      'DROP TABLE old;',
      '-- dbarchitect-ignore lint/drop-data, prefer-bigint',
      'ALTER TABLE t DROP COLUMN a, ADD COLUMN n int;',
      '/* dbarchitect-ignore all */ ALTER TABLE t RENAME TO t2;',
      '',
    ].join('\n');
    assert.deepEqual(codes(sql), []);
    assert.deepEqual(
      lintMigration(lintContext(timeouts + sql)).filter((d) => d.code === unusedIgnore.meta.code),
      [],
    );
  });

  it('fails: an ignore naming a rule that does not report the statement, and one followed by no statement; the autofix removes it', () => {
    const sql = '-- dbarchitect-ignore prefer-text\nDROP TABLE old;\n-- dbarchitect-ignore drop-data\n';
    const diagnostics = lintMigration(lintContext(timeouts + sql));
    assert.deepEqual(codes(sql), ['1:1 lint/unused-ignore', '2:1 lint/drop-data', '3:1 lint/unused-ignore']);
    assert.equal(
      renderDiagnosticsText(diagnostics.filter((d) => d.code === 'lint/unused-ignore')),
      [
        'm.sql:3:1: warning lint/unused-ignore: `dbarchitect-ignore prefer-text` silences no finding on the statement after it',
        `  fix: ${unusedIgnore.meta.help}`,
        '  autofix: remove the comment',
        'm.sql:5:1: warning lint/unused-ignore: `dbarchitect-ignore drop-data` is followed by no statement',
        `  fix: ${unusedIgnore.meta.help}`,
        '  autofix: remove the comment',
      ].join('\n'),
    );
    const edits = diagnostics.filter((d) => d.code === 'lint/unused-ignore').flatMap((d) => d.autofix!.edits);
    assert.equal(applyTextEdits(timeouts + sql, edits), `${timeouts}\nDROP TABLE old;\n\n`);
  });
});
