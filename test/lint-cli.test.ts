import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REFERENCE_SPEC, runCli, runCliProcess } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-lint-'));
const file = (name: string, sql: string) => {
  const path = join(dir, name);
  writeFileSync(path, sql);
  return path;
};
const timeouts = "SET lock_timeout = '2s';\nSET statement_timeout = '1min';\n";

describe('dbarchitect lint', () => {
  it('text: the finding at file:line:column, the source line with the place underlined, the help and the autofix; exit 1 at --fail-on warning', () => {
    const m = file('add-index.sql', `${timeouts}CREATE INDEX customer_email_idx ON customer (email);\n`);
    const run = runCliProcess(['lint', m]);
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      [
        `${m}:3:1: warning lint/require-concurrent-index: \`CREATE INDEX\` without CONCURRENTLY takes a SHARE lock on \`customer\` (writes wait) and reads every row`,
        '  3 | CREATE INDEX customer_email_idx ON customer (email);',
        '    | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  fix: Add `CONCURRENTLY` (`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX INDEX CONCURRENTLY`) and run it outside a transaction block: it takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on.',
        '  autofix: insert CONCURRENTLY after INDEX',
        '',
      ].join('\n'),
    );
    assert.match(run.stderr, /1 file linted: 0 errors, 1 warning\nfailing: 1 finding at or above --fail-on warning \(lint\/require-concurrent-index\); exit 1/);
  });

  it('--spec sizes the tables: the same index on `order` (200M rows) is an error, and --fail-on never exits 0', async () => {
    const m = file('order-index.sql', `${timeouts}CREATE INDEX order_placed_idx ON "order" (placed_at);\n`);
    const run = await runCli(['lint', m, '--spec', REFERENCE_SPEC, '--fail-on', 'never']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /error lint\/require-concurrent-index: .* \(200M rows, 1\.9 writes\/s, spec volume\)/);
  });

  it('json: a list of diagnostics with code, rule, severity, message, help, file, line and column', async () => {
    const m = file('drop.sql', `${timeouts}ALTER TABLE customer DROP COLUMN phone;\n`);
    const run = await runCli(['lint', m, '--format', 'json']);
    assert.equal(run.status, 1);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    assert.deepEqual(rows, [
      {
        code: 'lint/drop-data',
        rule: 'drop-data',
        severity: 'warning',
        message: 'column `customer.phone` is dropped with its values',
        help: 'Drop only in a contract step, after the application has stopped using it for a release and a backup (or a renamed copy) is kept; say so with a `-- dbarchitect-ignore drop-data` comment once that is true.',
        file: m,
        line: 3,
        column: 22,
      },
    ]);
  });

  it('sarif: the findings as SARIF 2.1.0 results, the autofix as fixes', async () => {
    const m = file('ts.sql', 'CREATE TABLE n (at timestamp);\n');
    const run = await runCli(['lint', m, '--format', 'sarif']);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    const result = log.runs[0].results[0];
    assert.equal(result.ruleId, 'lint/prefer-timestamptz');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 1, startColumn: 20 });
    assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'timestamptz');
  });

  it('a file that does not parse: the parser error at its line:column with the source, exit 2; a missing file too', () => {
    const bad = file('bad.sql', 'SELECT 1;\nALTER TABLE t ADD COLUMN;\n');
    const run = runCliProcess(['lint', bad, join(dir, 'missing.sql')]);
    assert.equal(run.status, 2);
    assert.equal(
      run.stdout,
      [
        `${bad}:2:25: error sql/syntax: syntax error at or near ";"`,
        '  2 | ALTER TABLE t ADD COLUMN;',
        '    |                         ^',
        '  fix: fix the SQL at this place (PostgreSQL syntax); lint reads the whole file before it checks anything',
        '',
        `${join(dir, 'missing.sql')}:1:1: error input/not-found: no such file`,
        '  fix: check the path of the migration file',
        '',
      ].join('\n'),
    );
    assert.doesNotMatch(run.stderr, /at .*\.ts:\d+/, 'no stack trace');
  });

  it('a spec with errors stops the run with exit 2; an unknown --format or --fail-on is a usage error', async () => {
    const spec = file('bad-spec.yaml', 'version: 1\nentities: 3\n');
    const m = file('ok.sql', 'SELECT 1;\n');
    assert.equal((await runCli(['lint', m, '--spec', spec])).status, 2);
    assert.equal((await runCli(['lint', m, '--format', 'xml'])).status, 2);
    assert.equal((await runCli(['lint', m, '--fail-on', 'info'])).status, 2);
    assert.equal((await runCli(['lint', m])).status, 0);
  });
});
