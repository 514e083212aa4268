import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifySpec } from '../src/api/verify.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { LARGE_TABLE_PAGES } from '../src/verify/run-verify.js';
import { verifyReportSchema } from '../src/model/parts/verify-report.js';
import { freshSchema, sharedEngine } from './engines.js';
import { referenceLoaded } from './helpers.js';

/** One PGlite for the file; each verification in a fresh schema of it. */
const engine = sharedEngine();

describe('verify on PGlite', () => {
  it('the reference spec at the default scale: no large sequential scans, every index used or explained', async (t) => {
    const loaded = await referenceLoaded();
    await freshSchema(t, engine, 'verify');
    const result = await verifySpec(loaded.loaded, loaded.diagnostics, engine);
    assert.ok(result.ok);
    const report = verifyReportSchema.parse(JSON.parse(result.artifacts.find((a) => a.path === 'verify.json')!.content));
    assert.deepEqual(
      report.patterns.map((p) => p.name),
      loaded.loaded.spec.accessPatterns.map((p) => p.name),
    );
    assert.ok(report.seed.totalRows > 400_000, `seeded ${report.seed.totalRows} rows`);
    assert.equal(Math.max(...report.seed.tables.map((t) => t.rows)), 200_000);
    for (const p of report.patterns) {
      assert.ok(p.nodeTypes.length > 0 && p.medianMs >= 0 && p.without.nodeTypes.length > 0, `${p.name} has a plan and timings`);
      const large = p.seqScans.filter((s) => s.pages > LARGE_TABLE_PAGES);
      assert.deepEqual(large, [], `${p.name} scans no large table`);
    }
    // Foreign-key and retention indexes serve deletes (of parents, of expired rows), not the patterns.
    for (const index of report.indexes)
      assert.ok(index.usedBy.length > 0 || /^(foreign-key|retention) /.test(index.reason), `${index.name} is used (${index.reason})`);
    const byName = new Map(report.patterns.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('customer_orders')!.nodeTypes, ['Limit', 'Index Only Scan']);
    assert.ok(
      byName.get('customer_orders')!.without.seqScans.some((s) => s.table === 'order'),
      'without the index it scans order',
    );
    assert.ok(byName.get('stock_level')!.speedup > 2, 'the covering index makes stock_level faster');
    const decision = result.design.decisions.find((d) => d.id === 'indexes/order_tenant_id_customer_id_placed_at_idx')!;
    assert.match(decision.evidence.find((e) => e.tier === 'executed')!.detail, /customer_orders used it: [\d.]+ ms → [\d.]+ ms median/);
    assert.match(result.artifacts.find((a) => a.path === 'README.md')!.content, /## Verification\n/);
    // The capacity model, checked against the engine at the seeded scale.
    assert.ok(Math.abs(report.capacity.total.errorPct) <= 10, `capacity total off by ${report.capacity.total.errorPct}%`);
    for (const t of report.capacity.tables) assert.ok(Math.abs(t.errorPct) <= 15, `${t.table}: capacity off by ${t.errorPct}%`);
  });

  it('anti-joins, sort with LIMIT, partial indexes, inserts, and keyword names', async (t) => {
    const loaded = await loadSpecText(
      'keywords.yaml',
      `version: 1
name: keywords
entities:
  user:
    rows: 50k
    fields:
      name: string(80)!
      from: date!
      to: date
  group:
    rows: 5k
    fields:
      title: string(80)!
  order:
    rows: 200k
    fields:
      user: ref(user)!
      group: ref(group)!
      status: enum(open, closed, void)!
      limit: int!
      placed_at: timestamp!
access_patterns:
  - name: users_without_orders
    sql: select u.id, u."from" from "user" u where u.name = :name and u."to" is null and not exists (select 1 from "order" o where o.user_id = u.id)
    rate: 1/s
  - name: latest_orders_of_user
    sql: select id, "limit", placed_at from "order" where user_id = :user order by placed_at desc limit 10
    rate: 200/s
  - name: open_orders_of_group
    sql: select id from "order" where group_id = :group and status = 'open' order by placed_at limit 20
    rate: 50/s
  - name: add_order
    sql: insert into "order" (user_id, group_id, status, "limit", placed_at) values (:user, :group, 'open', :limit, now())
    rate: 20/s
`,
    );
    assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
    await freshSchema(t, engine, 'verify');
    const result = await verifySpec(loaded.loaded, loaded.diagnostics, engine, { largestRows: 100_000 });
    assert.ok(result.ok);
    const byName = new Map(result.report.patterns.map((p) => [p.name, p]));
    const anti = byName.get('users_without_orders')!;
    assert.ok(
      anti.nodeTypes.some((n) => /Anti/.test(n)) || anti.nodeTypes.includes('Hash Join') || anti.nodeTypes.includes('Nested Loop'),
      anti.nodeTypes.join(','),
    );
    assert.ok(
      anti.indexesUsed.includes('order_user_id_placed_at_idx') || anti.indexesUsed.includes('order_user_id_idx'),
      `the anti-join probes orders by user: ${JSON.stringify(anti)}`,
    );
    const latest = byName.get('latest_orders_of_user')!;
    assert.deepEqual(latest.nodeTypes, ['Limit', 'Index Only Scan'], 'sort + LIMIT served by the index order, covering');
    assert.deepEqual(latest.indexesUsed, ['order_user_id_placed_at_idx']);
    const open = byName.get('open_orders_of_group')!;
    assert.deepEqual(open.indexesUsed, ['order_group_id_placed_at_open_idx'], 'the partial index on status = open');
    assert.match(
      result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content,
      /CREATE INDEX order_group_id_placed_at_open_idx ON "order" \(group_id, placed_at\) INCLUDE \(id\) WHERE status = 'open';/,
    );
    const insert = byName.get('add_order')!;
    assert.equal(insert.kind, 'insert');
    assert.ok(insert.nodeTypes.includes('ModifyTable'));
    const count = await engine.query<{ n: number }>(`select count(*)::int as n from "order"`);
    assert.equal(count[0]!.n, result.report.seed.tables.find((t) => t.table === 'order')!.rows, 'measuring the insert left no rows behind');
  });
});

describe('verify --sweep on PGlite', () => {
  it('measures three scales, fits each pattern and extrapolates to the horizon', async (t) => {
    const loaded = await referenceLoaded();
    await freshSchema(t, engine, 'verify');
    const result = await verifySpec(loaded.loaded, loaded.diagnostics, engine, { largestRows: 20_000, runs: 1, sweep: true });
    assert.ok(result.ok);
    const sweep = result.report.sweep!;
    assert.deepEqual(
      sweep.scales.map((s) => s.largestRows),
      [5000, 10000, 20000],
    );
    assert.equal(sweep.horizon, '3y');
    assert.equal(sweep.patterns.length, 8);
    for (const p of sweep.patterns) {
      assert.equal(p.points.length, 3, p.name);
      assert.ok(p.points[0]!.x < p.points[2]!.x, `${p.name}: x grows with the scale`);
      assert.ok(p.xAtHorizon > p.points[2]!.x, `${p.name}: the horizon is beyond the measured scales`);
      assert.ok(p.predictedMedianMs >= 0 && p.predictedP99Ms >= p.predictedMedianMs);
      assert.equal(typeof p.holds, 'boolean', `${p.name} has a p99 target, so a verdict`);
    }
    const orders = sweep.patterns.find((p) => p.name === 'customer_orders')!;
    assert.equal(orders.xLabel, 'rows of order per tenant');
    assert.notEqual(sweep.patterns.find((p) => p.name === 'place_order')!.model, 'linear', 'a single-row insert is never fitted as a scan');
    const schemas = await engine.query<{ n: number }>(`select count(*)::int as n from pg_namespace where nspname like 'dbarchitect_sweep_%'`);
    assert.equal(schemas[0]!.n, 0, 'the sweep drops its schemas');
    assert.match(result.artifacts.find((a) => a.path === 'README.md')!.content, /### Growth to the horizon/);
  });
});
