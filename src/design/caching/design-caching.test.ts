import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadForAnalysis, referenceYaml } from '../../../test/helpers.js';
import { cachingSchema } from '../../model/parts/caching.js';
import { designCaching } from './design-caching.js';
import { estimateHitRate } from './hit-rate.js';
import { postgresDialect } from '../../dialects/postgres/index.js';

const reference = referenceYaml();

async function design(yaml: string) {
  const { spec, schema, workload } = await loadForAnalysis(yaml);
  return designCaching(spec, schema, workload, postgresDialect);
}

const catalog = readFileSync(new URL('../../../test/fixtures/catalog-caches.yaml', import.meta.url), 'utf8');

describe('caching', () => {
  it("caches the reference spec's stale-tolerant reads with TTLs from their staleness", async () => {
    const { caching, decisions } = await design(reference);
    assert.deepEqual(
      caching.cached.map((c) => [c.pattern, c.ttlSeconds, c.key]),
      [
        ['storefront_products', 60, 'saas-shop:storefront_products:v1:{tenant}:{category}'],
        ['daily_revenue', 300, 'saas-shop:daily_revenue:v1:{tenant}'],
      ],
    );
    for (const entry of caching.cached) {
      assert.ok(entry.ttlJitter.maxSeconds <= entry.stalenessSeconds, 'jitter never outlives the staleness');
      assert.ok(entry.ttlJitter.minSeconds < entry.ttlJitter.maxSeconds);
      assert.ok(entry.estimate.hitRate > 0 && entry.estimate.hitRate < 1);
      assert.ok(entry.stampedeProtection.some((s) => /single-flight/.test(s)));
      assert.ok(entry.stampedeProtection.some((s) => /early probabilistic refresh/.test(s)));
    }
    // tenants are implied by a tenant's categories: 100k keys, not 5,000 × 100k
    const storefront = caching.cached[0]!;
    assert.equal(storefront.estimate.distinctKeys, 100_000);
    assert.deepEqual(storefront.invalidation.tablesWithoutWritePatterns, ['product', 'product_category']);

    const revenue = caching.cached[1]!;
    assert.ok(revenue.layer === 'redis' || revenue.layer === 'materialized-view');
    assert.deepEqual(
      revenue.invalidation.writes.map((w) => [w.pattern, w.table]),
      [['place_order', 'order']],
    );
    assert.equal(revenue.invalidation.ttlExpiry, true);
    assert.equal(revenue.estimate.queriesRemovedPerSecond, Number((5 * revenue.estimate.hitRate).toPrecision(4)));

    const revenueDecision = decisions.find((d) => d.id === 'caching/daily_revenue')!;
    assert.equal(revenueDecision.area, 'caching');
    assert.match(revenueDecision.rationale.join('\n'), /place_order/);
    // the view was weighed, and why it lost (or won) is stated with numbers
    const view = revenueDecision.alternatives.find((a) => a.option === 'materialized view') ?? revenueDecision.alternatives.find((a) => /Redis/.test(a.option));
    assert.match(view!.rejectedBecause, /\d/);
    assert.deepEqual(
      revenueDecision.evidence.map((e) => e.source).filter((s) => s.startsWith('rule:')),
      [
        'rule:cache-layer',
        'rule:cache-key-from-parameters',
        'rule:cache-ttl-from-staleness',
        'rule:cache-invalidation-from-writes',
        'rule:cache-hit-rate-estimate',
      ],
    );
  });

  it('lists the reads that need read-your-writes as never cached, and writes as not cached', async () => {
    const { caching, decisions } = await design(reference);
    assert.deepEqual(
      caching.neverCached.map((n) => [n.pattern, n.reason]),
      [
        ['customer_orders', 'read-your-writes'],
        ['order_detail', 'read-your-writes'],
        ['orders_to_ship', 'read-your-writes'],
        ['customer_by_email', 'read-your-writes'],
        ['place_order', 'write'],
        ['stock_level', 'read-your-writes'],
      ],
    );
    const never = decisions.find((d) => d.id === 'caching/never-cached')!;
    assert.equal(never.title, 'Never cached: read-your-writes required');
    assert.match(never.choice, /customer_orders, order_detail, orders_to_ship, customer_by_email, stock_level/);
  });

  it('chooses a CDN for public reads, a view for slow aggregates, in-process for small hot key spaces', async () => {
    const { caching } = await design(catalog);
    const layer = Object.fromEntries(caching.cached.map((c) => [c.pattern, c.layer]));
    assert.deepEqual(layer, { category_page: 'cdn', merchant_half_year: 'materialized-view', support_contact: 'in-process' });

    const page = caching.cached.find((c) => c.pattern === 'category_page')!;
    assert.equal(page.key, '/catalog/v1/category_page?category={category}');

    const view = caching.cached.find((c) => c.pattern === 'merchant_half_year')!;
    assert.equal(view.materializedView?.refreshStatement, 'REFRESH MATERIALIZED VIEW CONCURRENTLY merchant_half_year_mv;');
    assert.equal(view.materializedView?.uniqueIndexDdl, 'CREATE UNIQUE INDEX merchant_half_year_mv_key ON merchant_half_year_mv (merchant_id, month);');
    assert.ok(view.materializedView!.refreshEverySeconds + view.materializedView!.refreshSeconds <= view.stalenessSeconds);
    assert.deepEqual(
      view.invalidation.writes.map((w) => [w.pattern, w.action]),
      [['place_sale', 'next-refresh']],
    );

    const settings = caching.cached.find((c) => c.pattern === 'support_contact')!;
    assert.deepEqual(
      settings.invalidation.writes.map((w) => [w.pattern, w.action]),
      [['set_support', 'delete-key-after-commit']],
    );
    assert.match(settings.invalidation.writes[0]!.reason, /broadcast/);

    const skipped = Object.fromEntries(caching.neverCached.map((n) => [n.pattern, n.reason]));
    assert.equal(skipped.product_by_id, 'low-hit-rate');
    assert.equal(skipped.recent_sales, 'keys-never-repeat');
    assert.equal(skipped.merchant_by_email, 'read-your-writes');
  });

  it('without a staleness under eventual consistency, a read is uncached for lack of a bound', async () => {
    const { caching, decisions } = await design(catalog.replace('name: catalog\n', 'name: catalog\nrequirements:\n  consistency: eventual\n'));
    assert.equal(caching.neverCached.find((n) => n.pattern === 'merchant_by_email')?.reason, 'no-staleness-bound');
    assert.equal(decisions.find((d) => d.id === 'caching/never-cached')?.title, 'Never cached: no staleness bound');
  });

  it('the summary matches its schema and is deterministic', async () => {
    const first = await design(reference);
    const second = await design(reference);
    assert.deepEqual(first, second);
    assert.doesNotThrow(() => cachingSchema.parse(first.caching));
    const other = await design(catalog);
    assert.deepEqual(other, await design(catalog));
    assert.doesNotThrow(() => cachingSchema.parse(other.caching));
  });
});

describe('hit-rate estimate', () => {
  it('is 1 − keys touched per TTL / requests per TTL under uniform access', () => {
    const few = estimateHitRate(100, 60, { distinctKeys: 10, unbounded: false, basis: [] });
    assert.equal(few.requestsPerTtl, 6000);
    assert.equal(few.hitRate, 0.998); // 10 misses in 6,000 requests
    const many = estimateHitRate(1, 10, { distinctKeys: 1e9, unbounded: false, basis: [] });
    assert.equal(many.hitRate, 0);
    assert.equal(estimateHitRate(50, 30, { distinctKeys: 5, unbounded: true, basis: [] }).hitRate, 0);
    assert.equal(estimateHitRate(0, 30, { distinctKeys: 5, unbounded: false, basis: [] }).hitRate, 0);
  });
});
