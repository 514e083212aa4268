import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { statementAt } from './sqlfluff-checker.js';

describe('sqlfluff checker', () => {
  it('names the statement around a failing line, ending at ; or a GO batch separator', () => {
    const sql = 'CREATE TABLE a (x int);\nCREATE TABLE b (\n  y int\n);\nGO\nCREATE VIEW v AS SELECT 1;\n';
    assert.equal(statementAt(sql, 3), 'CREATE TABLE b (\n  y int\n);');
    assert.equal(statementAt(sql, 1), 'CREATE TABLE a (x int);');
    assert.equal(statementAt(sql, 6), 'CREATE VIEW v AS SELECT 1;');
    assert.equal(statementAt(sql, 99), undefined);
  });

  it('is unavailable, with the install command, when sqlfluff is missing', () => {
    // sqlfluff.ts reads DBARCHITECT_SQLFLUFF when loaded: a child process with a binary that does not exist.
    const script = `import { sqlfluffChecker } from ${JSON.stringify(fileURLToPath(new URL('./sqlfluff-checker.ts', import.meta.url)))};
const r = await sqlfluffChecker('oracle', 'oracle').check('SELECT 1;', {});
process.stdout.write(JSON.stringify(r));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, DBARCHITECT_SQLFLUFF: '/nonexistent/sqlfluff' },
    });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { status: string; reason: string };
    assert.equal(result.status, 'unavailable');
    assert.match(result.reason, /apt-get install sqlfluff/);
  });
});
