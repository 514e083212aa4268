import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers.js';

const MIGRATION = 'test/fixtures/migrations-sized/0001-set-not-null.sql';
const SIZED = 'test/fixtures/existing/sized-tables.sql';

interface LintJson {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
}

describe('dbarchitect lint --db: severity from the database statistics', () => {
  it('the same SET NOT NULL is an error on a 1.1M-row table and info on a 500-row one, sized from the statistics', async () => {
    const sized = await runCli(['lint', MIGRATION, '--db', SIZED, '--format', 'json', '--fail-on', 'never']);
    assert.equal(sized.status, 0, sized.stderr);
    const findings = (JSON.parse(sized.stdout) as LintJson[]).filter((d) => d.code === 'lint/set-not-null');
    assert.deepEqual(
      findings.map((d) => `${d.line} ${d.severity}`),
      ['3 error', '4 info'],
    );
    assert.match(findings[0]!.message, /1\.1M rows, the statistics of test\/fixtures\/existing\/sized-tables\.sql/);

    const unsized = await runCli(['lint', MIGRATION, '--format', 'json', '--fail-on', 'never']);
    const plain = (JSON.parse(unsized.stdout) as LintJson[]).filter((d) => d.code === 'lint/set-not-null');
    assert.equal(new Set(plain.map((d) => d.severity)).size, 1, 'without sizes both statements are reported alike');
  });

  it('a database that cannot be reached exits 3, without the password', async () => {
    const run = await runCli(['lint', MIGRATION, '--db', 'postgres://me:l1nt-secret@127.0.0.1:1/shop']);
    assert.equal(run.status, 3);
    assert.match(run.stderr, /cannot connect to postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/shop/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes('l1nt-secret'));
  });
});
