import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { advise, type AdviseResult } from '../src/api/advise.js';
import type { Engine } from '../src/engines/engine.js';
import { explainQuery } from '../src/existing/advise/whatif/explain.js';
import { loadPgParser } from '../src/sql/pg-parser.js';
import { postgresServer } from './engines.js';
import { requireServers, serverUrl } from './servers.js';

const server = postgresServer();
const url = serverUrl('postgres').url;
const SHOP = fileURLToPath(new URL('./fixtures/advise/shop.sql', import.meta.url));
const suffix = randomBytes(3).toString('hex');
const scratch = `dbarchitect_advise_${suffix}`;
// Table names of this run only: pg_stat_statements is shared by everything the server runs.
const orders = `orders_${suffix}`;
const customers = `customers_${suffix}`;
const named = (sql: string) => sql.replace(/\borders\b/g, orders).replace(/\bcustomers\b/g, customers);
const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-advise-pg-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The workload with every value a parameter, as an application sends it (pg_stat_statements keeps such texts as they are). */
const WORKLOAD: readonly { rate: number; sql: string; args: (i: number) => unknown[] }[] = [
  { rate: 50, sql: 'SELECT id, status, total FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2', args: (i) => [1 + i, 20] },
  { rate: 20, sql: 'SELECT * FROM customers WHERE email = $1', args: (i) => [`c${i + 1}@example.com`] },
  { rate: 5, sql: 'SELECT count(*) FROM orders WHERE status = $1 AND created_at >= $2', args: () => ['paid', '2025-03-01'] },
  {
    rate: 2,
    sql: 'SELECT c.region, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at >= $1 AND o.created_at < $2 GROUP BY c.region',
    args: () => ['2025-02-01', '2025-02-08'],
  },
  { rate: 10, sql: 'UPDATE orders SET status = $2 WHERE id = $1', args: (i) => [1 + i, 'paid'] },
  { rate: 10, sql: 'INSERT INTO orders (customer_id, status, total, created_at) VALUES ($1, $2, $3, now())', args: (i) => [1 + i, 'open', 9.5] },
];
const workloadFile = join(dir, 'queries.sql');
writeFileSync(workloadFile, WORKLOAD.map((q) => `-- rate: ${q.rate}/s\n${named(q.sql)};\n`).join(''));

/** The advisor's URL: the test server's, with the options that put the scratch schema first. */
const target = () => url!;

describe('advise on a PostgreSQL server (hypopg: hypothetical indexes only)', { skip: server.skip }, () => {
  let engine: Engine;
  let first: Extract<AdviseResult, { ok: true }>;
  before(async () => {
    await loadPgParser();
    engine = await server.start();
    await engine.exec(`CREATE SCHEMA ${scratch}; SET search_path TO ${scratch}`);
    // Loaded under other names, then renamed: pg_stat_statements then holds the load's statements
    // under names no table has, and the workload read from it is the replay alone.
    const loading = readFileSync(SHOP, 'utf8')
      .replace(/\borders\b/g, `${orders}_load`)
      .replace(/\bcustomers\b/g, `${customers}_load`);
    await engine.exec(loading);
    await engine.exec(`ALTER TABLE ${orders}_load RENAME TO ${orders}; ALTER TABLE ${customers}_load RENAME TO ${customers}; ANALYZE`);
  });
  after(async () => {
    await engine?.exec(`SET search_path TO public; DROP SCHEMA IF EXISTS ${scratch} CASCADE`).catch(() => undefined);
    await engine?.close();
  });

  const indexCount = async () =>
    Number((await engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1`, [scratch]))[0]!.n);

  it('brings the seeded workload cost down without creating an index; each recommendation is read by the plans once built', async () => {
    const indexesBefore = await indexCount();
    const result = await advise(target(), { workload: { kind: 'file', path: workloadFile }, namespaces: [scratch] });
    assert.ok(result.ok, result.ok ? '' : result.message);
    first = result;
    assert.equal(result.advice.method, 'hypopg');
    assert.equal(await indexCount(), indexesBefore, 'advise created no index');
    assert.ok(result.advice.recommendations.length >= 2);
    assert.ok(result.advice.cost.after < result.advice.cost.before * 0.5, `${result.advice.cost.after} vs ${result.advice.cost.before}`);
    assert.doesNotMatch(JSON.stringify(result), new RegExp(new URL(url!).password || 'no password'), 'the password never appears');

    // Built without CONCURRENTLY here (the PGlite test runs that form): a concurrent build waits for every
    // older transaction of the server, among them another test file's waiting for the server tests' lock this session holds.
    for (const r of result.advice.recommendations) await engine.exec(r.sql.replace(' CONCURRENTLY', '').replace(/ ON /, ` ON ${scratch}.`));
    await engine.exec('ANALYZE');
    try {
      for (const r of result.advice.recommendations)
        for (const h of r.helps) {
          const q = result.workload.queries.find((x) => x.id === h.query)!;
          const plan = await explainQuery(engine, q);
          assert.ok(plan.indexesUsed.includes(r.index.name), `${q.id} reads ${r.index.name}: ${plan.indexesUsed}`);
          assert.ok(Math.abs(plan.cost - h.after) / h.after < 0.25, `${q.id}: built ${plan.cost}, hypothetical ${h.after}`);
        }
    } finally {
      for (const r of result.advice.recommendations) await engine.exec(`DROP INDEX ${scratch}.${r.index.name}`);
    }
  });

  it('the drop proposals find the planted duplicate and the planted unused index', async () => {
    const drops = first.advice.drops;
    const duplicate = drops.find((d) => d.reason === 'duplicate')!;
    assert.ok(duplicate, JSON.stringify(drops));
    assert.deepEqual([duplicate.index, duplicate.twin].sort(), ['orders_customer_dup_idx', 'orders_customer_idx']);
    const unused = drops.find((d) => d.index === 'orders_total_idx')!;
    assert.equal(unused?.reason, 'unused');
    assert.equal(unused.readCostIncrease, 0);
    assert.match(unused.costBasis, /no plan of the workload reads it/);
    // The statement runs, without CONCURRENTLY as above, on a copy of the index (the next test needs the planted ones).
    await engine.exec(`CREATE INDEX orders_total_copy_idx ON ${scratch}.${orders} (total)`);
    await engine.exec(unused.sql.replace(' CONCURRENTLY', '').replace('orders_total_idx', 'orders_total_copy_idx'));
    const left = await engine.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = 'orders_total_copy_idx'`, [scratch]);
    assert.equal(left.length, 0);
  });

  it('a workload replayed through pg_stat_statements gives the same advice as the same queries from a file', async (t) => {
    const available = await engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_stat_statements'`);
    let loaded = available[0]!.n > 0;
    if (loaded)
      loaded = await engine.query('SELECT 1 FROM public.pg_stat_statements LIMIT 1').then(
        () => true,
        () => false,
      );
    if (!loaded) {
      const why = 'pg_stat_statements is not loaded on this server (scripts/ci/start-servers.sh preloads it)';
      if (requireServers) assert.fail(why);
      return t.skip(why);
    }
    // Replayed in a transaction rolled back: the writes count in the statistics and change no row.
    await engine.exec('BEGIN');
    for (const q of WORKLOAD) for (let i = 0; i < q.rate * 2; i++) await engine.query(named(q.sql), q.args(i));
    await engine.exec('ROLLBACK');
    const replayed = await advise(target(), { workload: { kind: 'stat-statements' }, namespaces: [scratch] });
    assert.ok(replayed.ok, replayed.ok ? '' : replayed.message);
    assert.equal(replayed.workload.queries.length, WORKLOAD.length, JSON.stringify(replayed.workload.queries.map((q) => q.sql)));
    assert.deepEqual(
      replayed.advice.recommendations.map((r) => r.sql),
      first.advice.recommendations.map((r) => r.sql),
    );
    // The replay scanned indexes, and the server counts it: only the drops that do not rest on usage must agree.
    const structural = (r: typeof first) => r.advice.drops.filter((d) => d.reason !== 'unused').map((d) => d.sql);
    assert.deepEqual(structural(replayed), structural(first));
  });
});
