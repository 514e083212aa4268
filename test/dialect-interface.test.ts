import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAnalyses } from '../src/design/registry.js';
import type { Dialect } from '../src/dialects/dialect.js';
import { postgresDialect } from '../src/dialects/postgres/index.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { workloadOf } from '../src/api/design.js';
import { designCaching } from '../src/design/caching/design-caching.js';
import { designScaling } from '../src/design/scaling/design-scaling.js';
import { TECHNOLOGY_CATALOG } from '../src/design/technology/catalog.js';
import { analyzeThrough, loadForAnalysis, referenceYaml, ROOT } from './helpers.js';

/** The design's analyses on a spec, for the given dialect. */
async function analyze(yaml: string, dialect: Dialect) {
  const result = await loadSpecText('spec.yaml', yaml);
  const loaded = result.loaded!;
  return runAnalyses({ dialect, spec: loaded.spec, schema: loaded.schema, workload: workloadOf(loaded), patterns: loaded.patterns });
}

describe('the analyses reach storage and statements only through the Dialect they are given', () => {
  it('capacity sizes through dialect.storage: another page size, another hot set; every table sized by it', async () => {
    const sized: string[] = [];
    const spy: Dialect = {
      ...postgresDialect,
      storage: {
        ...postgresDialect.storage,
        estimateTableSizes: (schema, rows, options) => {
          sized.push(...rows.keys());
          return postgresDialect.storage.estimateTableSizes(schema, rows, options);
        },
      },
    };
    const base = await analyze(referenceYaml(), postgresDialect);
    const watched = await analyze(referenceYaml(), spy);
    assert.deepEqual(watched.parts.capacity, base.parts.capacity, 'the spy changes nothing');
    assert.deepEqual(new Set(sized), new Set(base.schema.tables.map((t) => t.name)));
    const bigPages = await analyze(referenceYaml(), {
      ...postgresDialect,
      storage: { ...postgresDialect.storage, pageBytes: 2 * postgresDialect.storage.pageBytes },
    });
    assert.ok(bigPages.parts.capacity!.memory.hotSetBytes > base.parts.capacity!.memory.hotSetBytes);
  });

  it('the Citus statements come from dialect.sharding; a dialect without sharding keeps one primary', async () => {
    const yaml = readFileSync(join(ROOT, 'test/fixtures/telemetry-1m-writes.yaml'), 'utf8');
    // PostgreSQL's plan (the registry would choose another engine for 1M writes/s): the one that shards with Citus.
    const { spec, schema, workload, parts } = await analyzeThrough(yaml, 'capacity');
    const engine = TECHNOLOGY_CATALOG.find((e) => e.id === 'postgresql')!;
    const scale = (dialect: Dialect) => designScaling({ spec, schema, workload, load: parts.load!, capacity: parts.capacity!, engine, dialect }).scaling;
    const sharded = scale(postgresDialect);
    assert.ok(sharded.sharding, 'the telemetry spec needs more than one primary');
    assert.match(sharded.sharding.ddl, /create_distributed_table/);
    const marked = scale({ ...postgresDialect, sharding: { distributionDdl: () => '-- from the dialect\n', resharding: () => 'grow by the dialect' } });
    assert.equal(marked.sharding?.ddl, '-- from the dialect\n');
    assert.equal(marked.sharding?.resharding, 'grow by the dialect');
    const { sharding: _none, ...withoutSharding } = postgresDialect;
    assert.equal(scale(withoutSharding).sharding, undefined);
  });

  it('a materialized view refreshes by the statements dialect.materializedView gives', async () => {
    const { spec, schema, workload } = await loadForAnalysis(readFileSync(join(ROOT, 'test/fixtures/catalog-caches.yaml'), 'utf8'));
    const views = designCaching(spec, schema, workload, {
      ...postgresDialect,
      materializedView: (name) => ({ uniqueIndex: `-- unique ${name}`, refresh: `-- refresh ${name}` }),
    }).caching;
    const view = views.cached.find((c) => c.materializedView)?.materializedView;
    assert.ok(view, 'the catalog spec serves merchant_half_year from a view');
    assert.equal(view.refreshStatement, `-- refresh ${view.name}`);
    assert.equal(view.uniqueIndexDdl, `-- unique ${view.name}`);
  });
});
