import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { workloadOf } from '../../api/design.js';
import { loadSpecText } from '../../spec/load-spec.js';
import { deriveWorkloadFeatures } from './workload-features.js';
import { loadAtHorizon } from '../workload/analysis.js';
import { postgresStorage } from '../../dialects/postgres/storage/index.js';

async function features(yaml: string) {
  const result = await loadSpecText('spec.yaml', yaml);
  assert.ok(result.loaded, JSON.stringify(result.diagnostics));
  return deriveWorkloadFeatures(
    result.loaded.spec,
    result.loaded.schema,
    workloadOf(result.loaded),
    loadAtHorizon(result.loaded.spec, result.loaded.schema, workloadOf(result.loaded)),
    postgresStorage,
  );
}

const articles = (patterns: string) => `version: 1
name: kb
entities:
  article:
    rows: 10M
    growth: 100k/month
    retention: 1y
    fields:
      title: string(200)!
      body: text!
      parent: ref(article)
access_patterns:
${patterns}`;

describe('workload features', () => {
  it('the reference spec: rates by kind, joins, staleness-tolerant reads, volume at the horizon', async () => {
    const f = await features(readFileSync(new URL('../../../examples/saas-shop.yaml', import.meta.url), 'utf8'));
    assert.equal(f.reads.perSecond, 3325);
    // place_order (60/s) counts once for `order`, not on top of its growth (5M/month = 1.9/s).
    const order = f.writes.tables.find((t) => t.table === 'order')!;
    assert.deepEqual([order.inserts, order.insertSource], [60, 'patterns']);
    assert.equal(f.writes.tables.find((t) => t.table === 'inventory_event')!.insertSource, 'growth');
    assert.ok(Math.abs(f.writes.perSecond - 79.2) < 0.1, String(f.writes.perSecond));
    assert.deepEqual(
      f.joins.map((j) => j.pattern),
      ['order_detail', 'storefront_products'],
    );
    assert.deepEqual(
      f.cacheable.map((c) => [c.pattern, c.stalenessSeconds]),
      [
        ['storefront_products', 60],
        ['daily_revenue', 300],
      ],
    );
    assert.deepEqual(f.graph.selfReferences, ['category.parent_id']);
    assert.deepEqual(f.textSearch, []);
    assert.deepEqual(f.timeSeries, [], 'inventory_event grows at 11/s: not a time series worth a store');
    // Retention caps inventory_event at its steady state: 30M/month over 2 years.
    assert.equal(f.volume.tables.find((t) => t.table === 'inventory_event')!.rowsAtHorizon, 720_000_000);
    assert.equal(f.volume.tables.find((t) => t.table === 'order')!.rowsAtHorizon, 380_000_000);
    assert.ok(f.multiRowTransactions.needed);
    assert.match(f.multiRowTransactions.why, /`order` → `customer`/);
  });

  it('text search: @@ on to_tsvector, ILIKE with a leading wildcard; not a prefix LIKE', async () => {
    const f = await features(
      articles(`  - name: search
    sql: select id from article where to_tsvector('english', body) @@ plainto_tsquery('english', :q)
    rate: 800/s
  - name: contains
    sql: select id from article where title ilike '%' || :q || '%'
    rate: 10/s
  - name: prefix
    sql: select id from article where title like 'abc%'
    rate: 10/s
`),
    );
    assert.deepEqual(
      f.textSearch.map((t) => [t.pattern, t.column, t.operator, t.expression]),
      [
        ['search', 'body', '@@', "to_tsvector('english', body)"],
        ['contains', 'title', 'ILIKE', undefined],
      ],
    );
  });

  it('graph traversal: recursive CTEs and self-references', async () => {
    const f = await features(
      articles(`  - name: thread
    sql: |
      with recursive t as (
        select id, parent_id from article where id = :id
        union all
        select a.id, a.parent_id from article a join t on a.parent_id = t.id)
      select * from t
    rate: 50/s
`),
    );
    assert.deepEqual(f.graph.recursive, [{ pattern: 'thread', ratePerSecond: 50 }]);
    assert.deepEqual(f.graph.selfReferences, ['article.parent_id']);
    assert.equal(f.readWriteRatio, 50 / f.writes.perSecond);
  });

  it('an append-only series: growth as inserts, retention as the steady state, aggregations over large ranges', async () => {
    const f = await features(`version: 1
name: iot
requirements: { consistency: eventual }
entities:
  reading:
    append_only: true
    rows: 1B
    growth: 86.4B/day
    retention: 90d
    fields:
      sensor: string(20)!
      value: float!
      taken_at: timestamp!
access_patterns:
  - name: hourly
    sql: select sensor, avg(value) from reading where taken_at >= :from group by sensor
    rate: 1/min
`);
    assert.equal(Math.round(f.writes.perSecond), 1_000_000);
    assert.equal(f.writes.tables[0]!.insertSource, 'growth');
    assert.deepEqual(
      f.timeSeries.map((t) => [t.table, t.timestampColumn, Math.round(t.rowsPerSecond), t.rowsAtHorizon]),
      [['reading', 'taken_at', 1_000_000, 7_776_000_000_000]],
    );
    // `taken_at >= :from` is one open side: PostgreSQL's default inequality selectivity keeps a third
    assert.equal(f.aggregates[0]!.rowsPerCall, 7_776_000_000_000 / 3);
    assert.equal(f.readWriteRatio! < 1e-6, true);
    assert.equal(f.multiRowTransactions.needed, false);
  });

  it('no writes: the ratio is null', async () => {
    const f = await features(
      articles(`  - name: one\n    sql: select title from article where id = :id\n    rate: 5/s\n`).replace('    growth: 100k/month\n', ''),
    );
    assert.equal(f.writes.perSecond, 0);
    assert.equal(f.readWriteRatio, null);
  });
});
