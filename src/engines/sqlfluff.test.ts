import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWithSqlfluff, sqlfluffVersion } from './sqlfluff.js';

const required = process.env.DBARCHITECT_REQUIRE_SERVERS === '1';
const installed = (await sqlfluffVersion()) !== undefined;
if (required && !installed) throw new Error('DBARCHITECT_REQUIRE_SERVERS=1 but sqlfluff is not installed: apt-get install sqlfluff');
const skip = installed ? false : 'sqlfluff is not installed (apt-get install sqlfluff)';

describe('sqlfluff runner', { skip }, () => {
  it('counts the statements of a script it parses and names its version and dialect', async () => {
    const result = await parseWithSqlfluff('CREATE TABLE t (id INT NOT NULL PRIMARY KEY);\nCREATE INDEX i ON t (id) WHERE id > 0;\n', 'tsql');
    assert.equal(result.status, 'parsed');
    assert.ok(result.status === 'parsed');
    assert.equal(result.statements, 2);
    assert.match(result.parser, /^sqlfluff \d+\.\d+\.\d+ \(tsql dialect\)$/);
  });

  it('fails a script with an unparsable statement, at its line and column', async () => {
    const result = await parseWithSqlfluff('CREATE TABLE t (id INT);\nCREATE FOO BAR baz;\n', 'tsql');
    assert.deepEqual({ ...result, message: undefined }, { status: 'failed', message: undefined, line: 2, column: 1 });
  });

  it('fails an unclosed bracket', async () => {
    const result = await parseWithSqlfluff('CREATE TABLE x (id INT;\n', 'oracle');
    assert.equal(result.status, 'failed');
  });
});
