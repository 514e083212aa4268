import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { applyTextEdits } from '../../diagnostics/text-edit.js';
import { lintContext, prepareLint, rows } from '../../../test/lint-context.js';
import { requireConcurrentIndex } from './require-concurrent-index.js';

before(prepareLint);

describe('lint/require-concurrent-index', () => {
  it('passes: CONCURRENTLY, and a plain index on a table the same file creates', () => {
    const sql =
      'CREATE TABLE n (a int);\nCREATE INDEX n_a ON n (a);\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nDROP INDEX CONCURRENTLY t_b;\nREINDEX INDEX CONCURRENTLY t_c;\n';
    assert.deepEqual(runRule(requireConcurrentIndex, lintContext(sql)), []);
  });

  it('fails: CREATE, DROP and REINDEX on an existing table; the autofix inserts CONCURRENTLY outside a transaction only', () => {
    const sql = 'CREATE UNIQUE INDEX t_a ON t (a);\nBEGIN;\nDROP INDEX t_b;\nCOMMIT;\nREINDEX TABLE t;\n';
    const diagnostics = runRule(requireConcurrentIndex, lintContext(sql));
    assert.equal(
      renderDiagnosticsText(diagnostics),
      [
        'm.sql:1:1: warning lint/require-concurrent-index: `CREATE INDEX` without CONCURRENTLY takes a SHARE lock on `t` (writes wait) and reads every row',
        `  fix: ${requireConcurrentIndex.meta.help}`,
        '  autofix: insert CONCURRENTLY after INDEX',
        'm.sql:3:1: warning lint/require-concurrent-index: `DROP INDEX` without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table of index `t_b` (reads and writes wait) and changes only the catalog',
        '  fix: add CONCURRENTLY and run it outside the transaction: it lets reads and writes go on',
        'm.sql:5:1: warning lint/require-concurrent-index: `REINDEX` without CONCURRENTLY takes a SHARE lock on `t` (writes wait) and reads every row',
        `  fix: ${requireConcurrentIndex.meta.help}`,
        '  autofix: insert CONCURRENTLY after TABLE',
      ].join('\n'),
    );
    const edits = diagnostics.flatMap((d) => d.autofix?.edits ?? []);
    assert.equal(
      applyTextEdits(sql, edits),
      'CREATE UNIQUE INDEX CONCURRENTLY t_a ON t (a);\nBEGIN;\nDROP INDEX t_b;\nCOMMIT;\nREINDEX TABLE CONCURRENTLY t;\n',
    );
  });

  it('fails: the severity follows the table: info on 10 rows, error on 200M rows or 500 writes/s', () => {
    const severities = (facts: Parameters<typeof rows>) =>
      runRule(requireConcurrentIndex, lintContext('CREATE INDEX t_a ON t (a);\n', { t: rows(...facts) })).map((d) => [
        d.severity,
        d.message.slice(d.message.lastIndexOf(' (')),
      ]);
    assert.deepEqual(severities([10]), [['info', ' (10 rows, spec volume)']]);
    assert.deepEqual(severities([500_000]), [['warning', ' (500k rows, spec volume)']]);
    assert.deepEqual(severities([200_000_000]), [['error', ' (200M rows, spec volume)']]);
    assert.deepEqual(severities([10, 500]), [['error', ' (10 rows, 500 writes/s, spec volume)']]);
  });

  it('fails: a DROP INDEX finds its table through the index names the file (or the spec) gives', () => {
    const sql = 'CREATE INDEX CONCURRENTLY t_a ON t (a);\nDROP INDEX t_a;\n';
    assert.deepEqual(
      runRule(requireConcurrentIndex, lintContext(sql, { t: rows(50) })).map((d) => d.severity),
      ['info'],
    );
  });
});
