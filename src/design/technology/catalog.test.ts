import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { enginesInFamily, TECHNOLOGY_CATALOG } from './catalog.js';
import type { EngineFamily } from './engine-profile.js';

/** The engines the catalog promises, by family (ArangoDB is in two). */
const EXPECTED: Readonly<Record<EngineFamily, readonly string[]>> = {
  relational: ['postgresql', 'mysql', 'mariadb', 'sqlserver', 'oracle'],
  document: ['mongodb', 'firestore', 'ravendb', 'documentdb', 'couchdb', 'couchbase'],
  'key-value': ['redis', 'dynamodb', 'etcd', 'memcached'],
  'wide-column': ['cassandra', 'scylladb', 'hbase', 'bigtable'],
  'time-series': ['timescaledb', 'influxdb', 'clickhouse', 'questdb'],
  newsql: ['cockroachdb', 'tidb', 'spanner', 'yugabytedb'],
  graph: ['neo4j', 'neptune', 'arangodb'],
  search: ['elasticsearch', 'opensearch', 'meilisearch', 'typesense'],
  'multi-model': ['arangodb', 'cosmosdb', 'faunadb', 'orientdb'],
};

describe('technology catalog', () => {
  it('holds every promised engine once, with a lower-case id', () => {
    const ids = TECHNOLOGY_CATALOG.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    assert.ok(ids.length >= 35, `${ids.length} engines`);
    for (const id of ids) assert.match(id, /^[a-z0-9]+$/);
    for (const [family, expected] of Object.entries(EXPECTED)) {
      const found = enginesInFamily(family as EngineFamily).map((e) => e.id);
      for (const id of expected) assert.ok(found.includes(id), `${id} in ${family}`);
    }
  });

  it('cites a documentation URL for what is not common knowledge, and marks the rest as assumed', () => {
    for (const engine of TECHNOLOGY_CATALOG) {
      const urls = [...Object.values(engine.sources), ...engine.managed.flatMap((m) => [m.source, m.certificationSource ?? m.source])];
      assert.ok(Object.keys(engine.sources).length >= 2, `${engine.id} cites its sources`);
      for (const url of urls) assert.match(url!, /^https:\/\/\S+$/, `${engine.id}: ${url}`);
      // The write ceiling is an order of magnitude: it must be sourced or marked assumed, never silently stated.
      assert.ok(engine.assumed.includes('singleNodeWritesPerSecond') || engine.sources.singleNodeWritesPerSecond, `${engine.id} ceiling is sourced or assumed`);
      // Without a source, a PACELC placement is a judgement.
      if (!engine.sources.pacelc) assert.ok(engine.assumed.includes('pacelc'), `${engine.id} pacelc is sourced or assumed`);
      assert.ok(engine.selfHosted || engine.managed.length > 0 || engine.maturity === 'discontinued', `${engine.id} runs somewhere`);
    }
  });

  it('places cloud-only engines on their one cloud', () => {
    const cloudOnly = (id: string) => {
      const engine = TECHNOLOGY_CATALOG.find((e) => e.id === id)!;
      assert.equal(engine.selfHosted, false, `${id} cannot be self-hosted`);
      return [...new Set(engine.managed.map((m) => m.cloud))];
    };
    for (const id of ['spanner', 'bigtable', 'firestore']) assert.deepEqual(cloudOnly(id), ['gcp']);
    for (const id of ['dynamodb', 'neptune', 'documentdb']) assert.deepEqual(cloudOnly(id), ['aws']);
    assert.deepEqual(cloudOnly('cosmosdb'), ['azure']);
  });

  it('states the CAP and PACELC placements the literature gives', () => {
    const placement = (id: string) => TECHNOLOGY_CATALOG.find((e) => e.id === id)!.pacelc;
    assert.equal(placement('spanner'), 'PC/EC');
    assert.equal(placement('cassandra'), 'PA/EL');
    assert.equal(placement('dynamodb'), 'PA/EL');
    assert.equal(placement('cosmosdb'), 'PA/EL');
    assert.equal(placement('hbase'), 'PC/EC');
    assert.equal(placement('bigtable'), 'PC/EC');
  });

  it('docs/technology.md lists every engine with its sources', () => {
    const doc = readFileSync(new URL('../../../docs/technology.md', import.meta.url), 'utf8');
    for (const engine of TECHNOLOGY_CATALOG) {
      assert.ok(doc.includes(`(\`${engine.id}\`,`), `${engine.id} in docs/technology.md`);
      for (const url of Object.values(engine.sources)) assert.ok(doc.includes(`<${url}>`), `${engine.id}: ${url} in docs/technology.md`);
    }
  });
});
