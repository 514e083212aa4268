import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { connectPostgres } from '../src/engines/postgres.js';
import { freshDatabase, postgresServer } from './engines.js';
import { REFERENCE_SPEC, runCliProcess } from './helpers.js';
import { serverUrl } from './servers.js';

const server = serverUrl('postgres');

describe('verify --db on a PostgreSQL server', () => {
  it('verifies the reference spec in a scratch schema and leaves nothing behind', { skip: server.skip }, async (t) => {
    // A database of its own: the check below covers every schema in it, and other tests create theirs in the shared one.
    const url = await freshDatabase(t, server.url!);
    // The server tests' turn (postgresServer), held while the CLI creates the design's roles.
    const turn = await postgresServer().start();
    const engine = await connectPostgres(url);
    // Close the connections whatever happens: an open one would keep the test process alive.
    try {
      const before = await engine.query<{ nspname: string }>(`select nspname from pg_namespace order by 1`);
      const out = mkdtempSync(join(tmpdir(), 'dbarchitect-verify-db-'));
      const result = runCliProcess(['verify', REFERENCE_SPEC, '--db', url, '--rows', '30000', '-o', out, '--force']);
      assert.equal(result.status, 0, result.stderr);
      const password = new URL(url).password;
      if (password) assert.ok(!(result.stdout + result.stderr).includes(password), 'the password is never printed');
      assert.match(result.stderr, /connecting to postgres:\/\/\w+:\*\*\*@/);
      const report = JSON.parse(readFileSync(join(out, 'verify.json'), 'utf8'));
      assert.match(report.engine, /^PostgreSQL (1[5-9]|[2-9]\d)\./);
      assert.equal(report.patterns.length, 8);
      assert.ok(report.patterns.every((p: { nodeTypes: string[] }) => p.nodeTypes.length > 0));
      const after = await engine.query<{ nspname: string }>(`select nspname from pg_namespace order by 1`);
      assert.deepEqual(after, before, 'no schema left behind');
    } finally {
      await engine.close();
      await turn.close();
    }
  });
});
