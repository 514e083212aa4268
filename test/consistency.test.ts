import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { designFromFile, designFromSpec } from '../src/api/design.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { checkConsistency } from '../src/design/consistency/check-design.js';
import type { Design } from '../src/model/design.js';
import { ROOT } from './helpers.js';

/** The examples, and the team's reference specs where the checkout sits beside them (../shared/specs). */
const SHARED = join(ROOT, '..', 'shared', 'specs');
const SPECS = [
  ...readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'examples', f)),
  ...(existsSync(SHARED)
    ? readdirSync(SHARED)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(SHARED, f))
    : []),
];

async function designOf(file: string): Promise<Design> {
  const result = await designFromFile(file);
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return result.design;
}

/** A deep copy to plant a contradiction in. */
const copy = (design: Design): Design => structuredClone(design);
const quantities = (design: Design) => checkConsistency(design).map((f) => f.quantity);

describe('the design agrees with itself', () => {
  for (const file of SPECS)
    it(`${file.slice(ROOT.length - 1)}: no contradiction, and none reported as a diagnostic`, async () => {
      const result = await designFromFile(file);
      assert.ok(result.ok);
      assert.deepEqual(checkConsistency(result.design), []);
      assert.deepEqual(
        result.diagnostics.filter((d) => d.code === 'design/inconsistent'),
        [],
      );
    });
});

describe('planted contradictions are caught', () => {
  let shop: Design;
  let iot: Design;
  /** A cached pattern of the shop at 40× its storefront traffic, where caching pays. */
  let busyCached: Design['caching']['cached'][number];
  before(async () => {
    shop = await designOf(join(ROOT, 'examples', 'saas-shop.yaml'));
    iot = await designOf(join(ROOT, 'examples', 'iot-telemetry.yaml'));
    const busy = await loadSpecText('busy-shop.yaml', readFileSync(join(ROOT, 'examples', 'saas-shop.yaml'), 'utf8').replace('rate: 1500/s', 'rate: 60k/s'));
    const designed = await designFromSpec(busy.loaded!, busy.diagnostics);
    assert.ok(designed.ok);
    busyCached = designed.design.caching.cached[0]!;
  });

  it('an asynchronous standby in one part and a synchronous one in another', () => {
    const d = copy(shop);
    d.scaling.consistency.detail = d.scaling.consistency.detail.replace('a commit waits for the synchronous standby', 'the standby replicates asynchronously');
    assert.deepEqual(quantities(d), ['standby']);
  });

  it('two values of max_connections', () => {
    const d = copy(shop);
    d.scaling.pooling = { ...d.scaling.pooling!, maxConnections: d.scaling.pooling!.maxConnections + 46 };
    assert.ok(quantities(d).includes('max_connections'));
  });

  it('two hot sets', () => {
    const d = copy(shop);
    d.capacity.memory.hotSetBytes *= 17;
    assert.ok(quantities(d).includes('hot set'));
  });

  it('two write ceilings', () => {
    const d = copy(shop);
    d.scaling.singleNode.writesPerSecond.limit = 10_000;
    assert.deepEqual(quantities(d), ['write ceiling']);
  });

  it('two counts of writes, and two insert rates for one table', () => {
    const d = copy(shop);
    d.load.totals.writesPerSecond += 1;
    d.load.tables.find((t) => t.table === 'order')!.averageInsertsPerSecond *= 2;
    assert.deepEqual(quantities(d).sort(), ['inserts per second', 'writes per second']);
  });

  it('a Citus cluster or PgBouncer under a ClickHouse choice', () => {
    assert.equal(iot.technology.choice, 'clickhouse');
    const d = copy(iot);
    d.scaling.pooling = shop.scaling.pooling;
    d.decisions.push({ ...shop.decisions.find((x) => x.id === 'scaling/connection-pooling')! });
    assert.ok(quantities(d).filter((q) => q === 'engine').length >= 2);
  });

  it('a pre-aggregate in one record and a cache for the same read in another', () => {
    const d = copy(shop);
    assert.ok(
      d.schema.views?.some((v) => v.origin === 'modeling/aggregate/daily_revenue'),
      'the shop pre-aggregates daily_revenue',
    );
    d.caching.cached.push({ ...structuredClone(busyCached), pattern: 'daily_revenue' });
    assert.deepEqual(quantities(d), ['pre-aggregate and cache']);
  });

  it('a cache store that no pattern uses', () => {
    const d = copy(iot);
    d.technology.polyglot.push({ role: 'cache', engine: 'memcached', why: 'x', sync: 'dual-write-avoided', cost: 'x' });
    assert.deepEqual(quantities(d), ['cache store']);
  });
});
