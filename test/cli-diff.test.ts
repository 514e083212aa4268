import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startPglite } from '../src/engines/pglite.js';
import { splitScript } from '../src/sql/split-script.js';
import { runCli } from './helpers.js';

const BEFORE = 'examples/diff/before.sql';
const AFTER = 'examples/diff/after.sql';

describe('dbarchitect diff', () => {
  it('plans the example, checks it on a copy, and writes plan.json for apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-diff-'));
    const out = join(dir, 'plan.json');
    const run = await runCli(['diff', BEFORE, AFTER, '--rename', 'orders.note=orders.remark', '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /7 changes in 17 steps/);
    assert.match(run.stdout, /the plan reached the target exactly/);
    assert.match(run.stdout, /Its reverse, run after it, brought the source back exactly/);
    const plan = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(plan.format, 'dbarchitect-migration-plan');
    assert.ok(plan.steps.some((s: { sql: string[] }) => s.sql.some((q) => q.startsWith('CREATE UNIQUE INDEX CONCURRENTLY'))));
    const again = await runCli(['diff', BEFORE, AFTER, '-o', out]);
    assert.equal(again.status, 2, 'an existing plan.json is not replaced without --force');
    assert.match(again.stderr, /the file exists/);
  });

  it('--format sql runs as a script on PostgreSQL and reaches the target; it prints nothing for equal schemas', async () => {
    const run = await runCli(['diff', BEFORE, AFTER, '--rename', 'orders.note=orders.remark', '--format', 'sql', '--no-validate']);
    assert.equal(run.status, 0, run.stderr);
    const engine = await startPglite();
    try {
      await engine.exec(readFileSync(BEFORE, 'utf8'));
      // As psql runs it: one statement at a time (PGlite runs a multi-statement string as one transaction).
      for (const piece of splitScript(run.stdout)) if (piece.kind === 'statement') await engine.exec(piece.text);
      const columns = await engine.query<{ c: string }>(
        "SELECT string_agg(column_name, ',' ORDER BY column_name) AS c FROM information_schema.columns WHERE table_name = 'orders'",
      );
      assert.equal(columns[0]!.c, 'customer_id,id,public_id,remark,total');
    } finally {
      await engine.close();
    }
    const same = await runCli(['diff', BEFORE, BEFORE, '--format', 'sql']);
    assert.equal(same.status, 0);
    assert.equal(same.stdout, '');
  });

  it('a rename hint that names nothing, or a malformed one, is bad input (exit 2)', async () => {
    const missing = await runCli(['diff', BEFORE, AFTER, '--rename', 'orders.nope=orders.remark', '--no-validate']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope/);
    const malformed = await runCli(['diff', BEFORE, AFTER, '--rename', 'orders.note', '--no-validate']);
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /write old=new/);
    assert.ok(!existsSync('plan.json'));
  });

  it('an unreachable database is an engine failure (exit 3) with no password printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-diff-'));
    writeFileSync(join(dir, 'x.sql'), 'CREATE TABLE t (id int PRIMARY KEY);');
    const url = new URL('postgres://me@127.0.0.1:1/db');
    url.password = 's3cret-pw'; // set apart from the URL text: no password is written into source
    const run = await runCli(['diff', url.href, join(dir, 'x.sql')]);
    assert.equal(run.status, 3);
    assert.ok(!run.stderr.includes('s3cret-pw'), run.stderr);
  });
});
