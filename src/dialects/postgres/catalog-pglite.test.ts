import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshSchema, sharedEngine } from '../../../test/engines.js';
import { referenceDesign } from '../../../test/helpers.js';
import { seedPostgres } from './seed-load.js';
import { postgresCatalog } from './catalog.js';
import type { Table } from '../../model/schema.js';
import { compareWithEstimate, type SizeComparisonReport } from '../../design/capacity/compare-sizes.js';
import { formatBytes } from '../../format.js';
import { estimateTableSizes } from './storage/table-size.js';
import type { IndexGrowth } from '../storage.js';

const engine = sharedEngine();

describe('capacity estimates against PGlite', () => {
  it('are within 15% of real sizes per table (10% overall) at the seeded scale of the reference spec', async (t) => {
    const result = await referenceDesign();
    const { schema } = result.design;
    const ddl = result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
    await freshSchema(t, engine, 'capacity');
    await engine.exec(ddl);
    const seeded = await seedPostgres(engine, schema, { largestRows: 100_000 });
    await engine.exec('VACUUM ANALYZE');

    const measured = await postgresCatalog.tableSizes(engine);
    const stats = await postgresCatalog.columnStats(engine);
    const rows = new Map(seeded.tables.map((s) => [s.table, s.rows]));
    // The seeder builds keys and indexes after the load (one sort each), except a partitioned
    // table's, which take the rows one by one (dialects/postgres/seed-load.ts).
    const growth = (table: Table): IndexGrowth => (table.partitioning ? 'inserts' : 'bulk');
    const withStats = compareWithEstimate(estimateTableSizes(schema, rows, { columnStats: stats, indexGrowth: growth }), measured);
    const typical = compareWithEstimate(estimateTableSizes(schema, rows, { indexGrowth: growth }), measured);
    for (const line of ['widths from pg_stats.avg_width:', ...render(withStats), 'typical widths (no measurement):', ...render(typical)]) t.diagnostic(line);

    assert.deepEqual(withStats.unmatched, []);
    assert.equal(withStats.tables.length, schema.tables.length);
    for (const table of withStats.tables)
      assert.ok(Math.abs(table.errorPct) <= 15, `${table.table}: estimated ${table.estimatedBytes}, measured ${table.measuredBytes} (${table.errorPct}%)`);
    assert.ok(Math.abs(withStats.total.errorPct) <= 10, `overall ${withStats.total.errorPct}%`);
    for (const table of withStats.tables)
      assert.equal(measured.get(table.table)!.rows, rows.get(table.table), `${table.table}: reltuples after VACUUM is the seeded count`);
  });
});

function render(report: SizeComparisonReport): string[] {
  const line = (name: string, e: number, m: number, pct: number) =>
    `| ${name} | ${formatBytes(e)} | ${formatBytes(m)} | ${pct > 0 ? '+' : ''}${pct.toFixed(1)}% |`;
  return [
    '| table | estimated | measured | error |',
    '|---|---:|---:|---:|',
    ...report.tables.map((r) => line(r.table, r.estimatedBytes, r.measuredBytes, r.errorPct)),
    line('**total**', report.total.estimatedBytes, report.total.measuredBytes, report.total.errorPct),
  ];
}
