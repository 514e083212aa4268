import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diff } from '../src/api/diff.js';
import { connectPostgres } from '../src/engines/postgres.js';
import { BASE, checkScenario, SCENARIOS } from './plan-scenarios.js';
import { serverUrl } from './servers.js';

/**
 * The same plans as plan-validate.test.ts, each validated on PostgreSQL 15 (`diff --validate-db`):
 * applied to a scratch database holding the source, the result diffs empty against the target and
 * the reverse comes back. PGlite runs PostgreSQL 18; the locks and forms a plan uses must hold on
 * the version teams run.
 */
const server = serverUrl('postgres');
const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-plan-pg-'));

async function scratchDatabases(url: string): Promise<string[]> {
  const engine = await connectPostgres(url);
  try {
    const rows = await engine.query<{ datname: string }>(`select datname from pg_database where datname like 'dbarchitect_validate_%'`);
    return rows.map((r) => r.datname);
  } finally {
    await engine.close();
  }
}

describe('every plan reaches its target on PostgreSQL 15, and its reverse comes back (diff --validate-db)', { skip: server.skip }, () => {
  for (const [n, s] of SCENARIOS.entries()) {
    it(s.name, async () => {
      const v = await checkScenario(dir, n, s, { validateDb: server.url! });
      assert.match(v.engine, /^PostgreSQL 1\d\.\d+/);
      assert.doesNotMatch(v.engine, /PGlite/);
    });
  }

  it('leaves no scratch database behind, and a role without CREATEDB is told what to do', async () => {
    const before = await scratchDatabases(server.url!);
    const from = join(dir, 'left-from.sql');
    const to = join(dir, 'left-to.sql');
    writeFileSync(from, BASE);
    writeFileSync(to, `${BASE}CREATE INDEX orders_total_idx ON orders (total);`);
    const result = await diff(from, to, { validateDb: server.url! });
    assert.ok(result.ok && result.validation?.forward.reached);
    // Other checkouts' runs may validate at the same moment; this run's database is gone either way.
    const after = await scratchDatabases(server.url!);
    assert.deepEqual(
      after.filter((d) => !before.includes(d)),
      [],
    );

    const wrong = new URL(server.url!);
    wrong.password = 'not-the-password-x9';
    const refused = await diff(from, to, { validateDb: wrong.toString() });
    assert.ok(!refused.ok);
    assert.equal(refused.failure, 'engine');
    assert.doesNotMatch(refused.message, /not-the-password-x9/);
    assert.match(refused.message, /cannot connect/);
  });
});
