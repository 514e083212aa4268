import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { designFromFile, designFromSpec } from '../src/api/design.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { REFERENCE_SPEC, referenceDesign } from './helpers.js';

const IOT_SPEC = fileURLToPath(new URL('../examples/iot-telemetry.yaml', import.meta.url));

describe('the architecture around the schema, end to end', () => {
  it('the reference spec: relational choice with its score table, its largest append-only table partitioned, no cache while the primary has room', async () => {
    const result = await referenceDesign();
    const { technology, schema, caching, scaling, capacity } = result.design;
    assert.equal(technology.choice, 'postgresql');
    assert.equal(technology.ranking[0]!.id, 'postgresql');
    assert.ok(technology.ranking.length >= 35 && technology.ranking.every((r) => r.criteria.length > 0), 'every engine is scored per criterion');
    const largestAppendOnly = schema.tables.filter((t) => t.volume?.appendOnly).sort((a, b) => b.volume!.rows - a.volume!.rows)[0]!;
    assert.equal(largestAppendOnly.name, 'inventory_event');
    assert.equal(largestAppendOnly.partitioning?.column, 'occurred_at');
    // rule of proportion: ~4 vCPU of load on one primary, a small team: no Redis to run
    assert.deepEqual(caching.cached, []);
    assert.deepEqual(
      caching.neverCached.filter((n) => n.reason === 'primary-has-room').map((n) => n.pattern),
      ['storefront_products'],
    );
    // one mechanism per read: daily_revenue is served by its materialized view, not also cached
    assert.deepEqual(
      caching.neverCached.filter((n) => n.reason === 'pre-aggregated').map((n) => n.pattern),
      ['daily_revenue'],
    );
    assert.equal(scaling.sharding, undefined, 'one primary suffices');
    assert.ok(capacity.atHorizon.totalBytes > capacity.months[0]!.totalBytes, 'capacity grows to the horizon');
    const areas = new Set(result.design.decisions.map((d) => d.area));
    for (const area of ['technology', 'partitioning', 'caching', 'scaling', 'capacity', 'modeling'] as const) assert.ok(areas.has(area), `a ${area} decision`);
  });

  it('the same shop at 40× its storefront traffic caches the storefront, and still serves daily revenue from its view', async () => {
    const busy = readFileSync(REFERENCE_SPEC, 'utf8').replace('rate: 1500/s', 'rate: 60k/s');
    const loaded = await loadSpecText('busy-shop.yaml', busy);
    assert.ok(loaded.loaded);
    const result = await designFromSpec(loaded.loaded, loaded.diagnostics);
    assert.ok(result.ok);
    const { caching, load } = result.design;
    assert.ok(load.totals.unitsPerSecond / 1000 > 16, `${load.totals.unitsPerSecond} units/s of load`);
    const ttl = new Map(caching.cached.map((c) => [c.pattern, c.ttlSeconds]));
    assert.deepEqual(Object.fromEntries(ttl), { storefront_products: 60 });
    assert.equal(caching.neverCached.find((n) => n.pattern === 'daily_revenue')?.reason, 'pre-aggregated');
  });

  it('1M writes/s of telemetry with 90-day retention does not get a single PostgreSQL node, and the chosen engine drives the cluster', async () => {
    const result = await designFromFile(IOT_SPEC);
    assert.ok(result.ok, JSON.stringify(result.diagnostics));
    const { technology, scaling, schema } = result.design;
    assert.notEqual(technology.choice, 'postgresql');
    const postgres = technology.ranking.find((r) => r.id === 'postgresql')!;
    assert.ok(
      postgres.disqualifiers.some((d) => /1,000,000\/s/.test(d)),
      `PostgreSQL is disqualified by the write rate: ${postgres.disqualifiers.join('; ')}`,
    );
    const primary = result.design.decisions.find((d) => d.id === 'technology/primary-store')!;
    assert.match(primary.rationale.join(' '), /1,000,000/);
    // ClickHouse distributes natively: its cluster, sharded by the device, with no Citus or PgBouncer under it
    assert.equal(scaling.engine.plan, 'native');
    assert.equal(scaling.sharding, undefined);
    assert.equal(scaling.pooling, undefined);
    assert.equal(scaling.shardKeyCandidates[0]?.column, 'device_id', 'the shard key is the device');
    const cluster = scaling.cluster!;
    // rule of proportion: ~60 TB compressed at ≤ 5 TB a node and 2 copies: tens of nodes, not hundreds
    assert.ok(cluster.nodes >= 4 && cluster.nodes <= 64, `${cluster.nodes} nodes`);
    assert.doesNotMatch(JSON.stringify(result.design.decisions.filter((d) => d.area === 'scaling')), /Citus worker/);
    const report = result.artifacts.find((a) => a.path === 'README.md')!.content;
    assert.match(report.split('## Summary')[0]!, /Written for the \*\*PostgreSQL alternative\*\*.*The ClickHouse schema is `schema\/clickhouse.sql`/s);
    assert.equal(schema.tables.find((t) => t.name === 'reading')!.partitioning?.interval, 'day', 'a fast-growing expiring table gets daily partitions');
  });
});
