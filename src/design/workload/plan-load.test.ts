import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeThrough, loadForAnalysis } from '../../../test/helpers.js';
import { TECHNOLOGY_CATALOG } from '../technology/catalog.js';
import { designScaling } from '../scaling/design-scaling.js';
import { loadAtHorizon } from './analysis.js';
import { DEFAULT_NUM_DISTINCT, DEFAULT_RANGE_INEQ_SEL } from './selectivity.js';
import { postgresDialect } from '../../dialects/postgres/index.js';

/** One 1M-row table and one pattern, the case that once sized a 100-vCPU primary. */
const oneTable = (pattern: string, field = 'x: int!', extra = '') => `version: 1
name: one-table
requirements:
  horizon: 1y
entities:
  a:
    rows: 1M
    growth: 100k/month
    fields:
      ${field}
      at: timestamp!
access_patterns:
  - name: p
    sql: ${pattern}
    rate: 100/s
${extra}`;

async function loadOf(yaml: string) {
  const { spec, schema, workload } = await loadForAnalysis(yaml);
  return loadAtHorizon(spec, schema, workload);
}

describe('the load, estimated like the planner', () => {
  it("equality on a column without statistics reads rows ÷ 200 (PostgreSQL's default), and sizes a small primary", async () => {
    const yaml = oneTable('select * from a where x = :x');
    const load = await loadOf(yaml);
    const p = load.patterns.find((l) => l.name === 'p')!;
    const rows = 1_000_000 + 100_000 * 12;
    assert.equal(p.rowsPerCall, Number((rows / DEFAULT_NUM_DISTINCT).toPrecision(4)));
    assert.match(p.rowsBasis.join(' '), /PostgreSQL's default of 200 distinct values/);
    assert.equal(p.source, 'estimate');
    // rule of proportion: 100 lookups/s of ~11k rows each is a 2–4 vCPU job, never tens of vCPU
    const { spec, schema, workload, parts } = await analyzeThrough(yaml, 'capacity');
    const postgres = TECHNOLOGY_CATALOG.find((e) => e.id === 'postgresql')!;
    const { scaling } = designScaling({ spec, schema, workload, load: parts.load!, capacity: parts.capacity!, engine: postgres, dialect: postgresDialect });
    assert.ok(scaling.instance!.vcpu <= 4, `${scaling.instance!.vcpu} vCPU`);
  });

  it('a stated `distinct` replaces the default', async () => {
    const load = await loadOf(oneTable('select * from a where x = :x', 'x: { type: int, required: true, distinct: 1M }'));
    assert.equal(load.patterns[0]!.rowsPerCall, 2.2); // 2.2M rows at the horizon ÷ 1M values
    assert.match(load.patterns[0]!.rowsBasis.join(' '), /stated in the spec/);
  });

  it('a range between two parameters is 0.5% of the rows, or the stated window of growth', async () => {
    const sql = 'select * from a where at >= :from and at < :to';
    const defaulted = (await loadOf(oneTable(sql))).patterns[0]!;
    assert.equal(defaulted.rowsPerCall, Number(((1_000_000 + 1_200_000) * DEFAULT_RANGE_INEQ_SEL).toPrecision(4)));
    assert.match(defaulted.rowsBasis.join(' '), /default range selectivity \(0\.5%\), assumed/);
    const windowed = (await loadOf(oneTable(sql).replace('rate: 100/s', 'rate: 100/s\n    window: 1d'))).patterns[0]!;
    // 100k rows a month is ~3,287 a day
    assert.ok(windowed.rowsPerCall > 3000 && windowed.rowsPerCall < 3500, String(windowed.rowsPerCall));
    assert.match(windowed.rowsBasis.join(' '), /stated window of 1 day/);
  });

  it('a LIMIT caps the rows the driving table yields', async () => {
    const load = await loadOf(oneTable('select * from a where x = :x order by at desc limit 20'));
    assert.equal(load.patterns[0]!.rowsPerCall, 20);
  });

  it('a pattern verify measured costs its measured time, and says so', async () => {
    const { spec, schema, workload } = await loadForAnalysis(oneTable('select * from a where x = :x'));
    const load = loadAtHorizon(spec, schema, workload, new Map([['p', { medianMs: 0.04, basis: 'EXPLAIN ANALYZE on PGlite at 100,000 rows' }]]));
    const p = load.patterns[0]!;
    assert.equal(p.source, 'measured');
    assert.equal(p.unitsPerCall, 1.08);
    assert.match(p.rowsBasis[0]!, /^measured: 0\.04 ms median, EXPLAIN ANALYZE on PGlite/);
  });

  it('inserts per table count once: the larger of the insert patterns and the growth', async () => {
    const load = await loadOf(oneTable('insert into a (x, at) values (:x, now())'));
    const a = load.tables.find((t) => t.table === 'a')!;
    assert.deepEqual([a.insertsPerSecond, a.insertSource], [100, 'patterns']);
    assert.equal(load.totals.writesPerSecond, 100);
  });
});
