import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { advise } from '../src/api/advise.js';
import { loadSqlScript } from '../src/api/load-sql-file.js';
import { startPglite } from '../src/engines/pglite.js';
import { explainQuery } from '../src/existing/advise/whatif/explain.js';
import { loadPgParser } from '../src/sql/pg-parser.js';
import { runCli } from './helpers.js';

const SHOP = fileURLToPath(new URL('./fixtures/advise/shop.sql', import.meta.url));
const QUERIES = fileURLToPath(new URL('./fixtures/advise/queries.sql', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-advise-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `$3` -> 3: the queries of the fixture have no `$` in strings. */
const highestParameter = (sql: string) => Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

interface AdviceJson {
  recommendations: { name: string; sql: string; bytes: number; builtBytes?: number; helps: { query: string; before: number; after: number }[] }[];
  drops: { index: string; reason: string; twin?: string; readCostIncrease?: number; sql: string }[];
  queries: { id: string; sql: string; weight: number; before: number; after: number }[];
  cost: { before: number; after: number };
}

describe('advise on a SQL file (PGlite: candidates built in a transaction that is rolled back)', () => {
  let json: AdviceJson;

  it('brings the workload cost down, and --format json carries recommendations with sql, drops and cost', async () => {
    const run = await runCli(['advise', SHOP, '--workload', QUERIES, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    json = JSON.parse(run.stdout) as AdviceJson;
    assert.ok(json.recommendations.length >= 2, run.stdout);
    for (const r of json.recommendations) assert.match(r.sql, /^CREATE INDEX CONCURRENTLY \S+ ON /);
    assert.ok(json.cost.after < json.cost.before * 0.5, `${json.cost.after} vs ${json.cost.before}`);
    // Sizes come from the storage model, close to the indexes really built.
    for (const r of json.recommendations) assert.ok(Math.abs(r.bytes - r.builtBytes!) / r.builtBytes! < 0.15, `${r.name}: ${r.bytes} vs built ${r.builtBytes}`);
    assert.match(run.stderr, /advise: planning 6 queries/, 'progress on stderr');
  });

  it('finds the planted duplicate and the planted unused index, and says what dropping each costs', () => {
    const duplicate = json.drops.find((d) => d.reason === 'duplicate')!;
    assert.ok(duplicate, JSON.stringify(json.drops));
    assert.deepEqual([duplicate.index, duplicate.twin].sort(), ['orders_customer_dup_idx', 'orders_customer_idx']);
    const unused = json.drops.find((d) => d.index === 'orders_total_idx')!;
    assert.equal(unused.reason, 'unused');
    assert.equal(unused.readCostIncrease, 0);
    assert.equal(unused.sql, 'DROP INDEX CONCURRENTLY "orders_total_idx"');
    // The other copy serves the foreign key orders.customer_id: it stays.
    assert.equal(json.drops.filter((d) => d.index.startsWith('orders_customer')).length, 1);
  });

  it('every recommendation is used by the plans once it is really built, and the workload costs what the advice said', async () => {
    await loadPgParser();
    const engine = await startPglite();
    try {
      await loadSqlScript(engine, readFileSync(SHOP, 'utf8'));
      await engine.exec('VACUUM ANALYZE');
      for (const r of json.recommendations) await engine.exec(r.sql);
      await engine.exec('ANALYZE');
      let after = 0;
      for (const q of json.queries) {
        const plan = await explainQuery(engine, { sql: q.sql, parameters: highestParameter(q.sql) });
        after += q.weight * plan.cost;
        for (const r of json.recommendations)
          if (r.helps.some((h) => h.query === q.id)) assert.ok(plan.indexesUsed.includes(r.name), `${q.id} reads ${r.name}: ${plan.indexesUsed}`);
      }
      const read = json.queries.reduce((s, q) => s + q.weight * q.after, 0);
      assert.ok(Math.abs(after - read) / read < 0.05, `built: ${after}, advised: ${read}`);
      // The drops run, and the workload's reads cost what the advice said they would without those indexes.
      for (const d of json.drops) await engine.exec(d.sql);
      const left = await engine.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'`);
      for (const d of json.drops) assert.ok(!left.some((l) => l.name === d.index), `${d.index} is gone`);
      let dropped = 0;
      for (const q of json.queries) dropped += q.weight * (await explainQuery(engine, { sql: q.sql, parameters: highestParameter(q.sql) })).cost;
      const increase = json.drops.reduce((s, d) => s + (d.readCostIncrease ?? 0), 0);
      assert.ok(Math.abs(dropped - (after + increase)) / after < 0.01, `after the drops: ${dropped}, advised: ${after} + ${increase}`);
    } finally {
      await engine.close();
    }
  });

  it('is deterministic: a second run gives the same statements; a budget and a count limit are kept', async () => {
    const again = await advise(SHOP, { workload: { kind: 'file', path: QUERIES } });
    assert.ok(again.ok);
    assert.deepEqual(
      again.advice.recommendations.map((r) => r.sql),
      json.recommendations.map((r) => r.sql),
    );
    const smallest = Math.min(...json.recommendations.map((r) => r.bytes));
    const budgeted = await advise(SHOP, { workload: { kind: 'file', path: QUERIES }, budgetBytes: smallest, maxIndexes: 1 });
    assert.ok(budgeted.ok);
    assert.ok(budgeted.advice.recommendations.length <= 1);
    assert.ok(budgeted.advice.recommendations.reduce((s, r) => s + r.bytes, 0) <= smallest);
  });

  it('a server log is a workload too: its statements grouped, weighed by how often they were logged', async () => {
    const log = join(dir, 'postgresql.log');
    const line = (ms: number, sql: string) => `2026-01-02 10:00:00.000 UTC [7] LOG:  duration: ${ms} ms  statement: ${sql}`;
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => line(0.2, `SELECT * FROM customers WHERE email = 'c${i}@example.com'`)),
      ...Array.from({ length: 5 }, (_, i) => line(9, `SELECT count(*) FROM orders WHERE status = 'paid' AND created_at >= '2025-02-0${1 + i}'`)),
    ];
    writeFileSync(log, `${lines.join('\n')}\n`);
    const result = await advise(SHOP, { workload: { kind: 'log', path: log } });
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(
      result.workload.queries.map((q) => q.weight),
      [30, 5],
    );
    assert.ok(result.advice.recommendations.some((r) => r.index.table === 'customers' && r.index.keys[0]?.column === 'email'));
  });

  it('a server that cannot be reached is an engine failure (exit 3) without the password; --stat-statements needs a server (exit 2)', async () => {
    const url = new URL('postgres://advisor@127.0.0.1:1/shop');
    url.password = 'not-this-Pw-91';
    const run = await runCli(['advise', url.toString(), '--workload', QUERIES]);
    assert.equal(run.status, 3, run.stderr);
    assert.doesNotMatch(run.stdout + run.stderr, /not-this-Pw-91/);
    const file = await runCli(['advise', SHOP, '--stat-statements']);
    assert.equal(file.status, 2);
    assert.match(file.stderr, /--stat-statements reads a live server/);
  });

  it('a bad workload file is an input error at its line and column (exit 2)', async () => {
    const bad = join(dir, 'bad.sql');
    writeFileSync(bad, 'SELECT * FROM orders WHERE customer_id = $1;\n-- rate: often\nSELECT * FROM customers;\n');
    const run = await runCli(['advise', SHOP, '--workload', bad]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bad\.sql:2:4/);
    assert.match(run.stderr, /not a rate/);
  });
});
