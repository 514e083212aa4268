import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { workloadOf } from '../../api/design.js';
import { decisionSchema, decisionTier } from '../../model/decision.js';
import { loadSpecText } from '../../spec/load-spec.js';
import { catalogEngine, TECHNOLOGY_CATALOG } from './catalog.js';
import { PRIMARY_STORE_CRITERIA } from './rank-engines.js';
import { selectTechnology } from './select-technology.js';
import { loadAtHorizon } from '../workload/analysis.js';
import { postgresStorage } from '../../dialects/postgres/storage/index.js';

async function select(yaml: string) {
  const result = await loadSpecText('spec.yaml', yaml);
  assert.ok(result.loaded, JSON.stringify(result.diagnostics));
  return selectTechnology(
    result.loaded.spec,
    result.loaded.schema,
    workloadOf(result.loaded),
    loadAtHorizon(result.loaded.spec, result.loaded.schema, workloadOf(result.loaded)),
    postgresStorage,
  );
}

const referenceSpec = () => readFileSync(new URL('../../../examples/saas-shop.yaml', import.meta.url), 'utf8');
const decision = (s: Awaited<ReturnType<typeof select>>, id: string) => {
  const found = s.decisions.find((d) => d.id === id);
  assert.ok(found, `decision ${id} in ${s.decisions.map((d) => d.id).join(', ')}`);
  return found;
};
const text = (d: { rationale: readonly string[]; alternatives: readonly { option: string; rejectedBecause: string }[]; choice: string }) =>
  [d.choice, ...d.rationale, ...d.alternatives.map((a) => `${a.option}: ${a.rejectedBecause}`)].join('\n');

const iot = (growth: string, ingest: string) => `version: 1
name: iot-telemetry
description: Sensors report every second; 90 days kept
requirements:
  consistency: eventual
  cloud: any
  managed: any
  team: medium
  budget: medium
  horizon: 1y
entities:
  device:
    rows: 2M
    growth: 10k/month
    fields:
      serial: string(40)!
      model: string(40)!
  reading:
    append_only: true
    rows: 1B
    growth: ${growth}
    retention: 90d
    fields:
      device: ref(device)!
      metric: enum(temperature, humidity, pressure, voltage)!
      value: float!
      taken_at: timestamp!
access_patterns:
${ingest}  - name: device_recent
    sql: select metric, value, taken_at from reading where device_id = :device and taken_at >= :since order by taken_at desc limit 500
    rate: 2k/s
  - name: hourly_rollup
    sql: |
      select device_id, metric, date_trunc('hour', taken_at) as hour, avg(value), max(value)
      from reading where taken_at >= :from and taken_at < :to group by 1, 2, 3
    rate: 1/min
`;
const INGEST = `  - name: ingest_reading
    sql: insert into reading (device_id, metric, value, taken_at) values (:device, :metric, :value, :taken_at)
    rate: 1M/s
`;

const onPremises = `version: 1
name: clinic-records
requirements:
  consistency: strong
  cloud: on-prem
  managed: avoid
  team: small
  budget: low
  horizon: 3y
entities:
  patient:
    rows: 20k
    growth: 500/month
    fields:
      full_name: string(200)!
      born_on: date
  appointment:
    rows: 100k
    growth: 5k/month
    fields:
      patient: ref(patient)!
      starts_at: timestamp!
      status: enum(booked, done, cancelled)!
access_patterns:
  - name: patient_appointments
    sql: select id, starts_at, status from appointment where patient_id = :patient order by starts_at desc limit 20
    rate: 5/s
  - name: book
    sql: insert into appointment (patient_id, starts_at, status) values (:patient, :at, 'booked')
    rate: 1/s
`;

const knowledgeBase = (searchRate: string) => `version: 1
name: knowledge-base
requirements:
  cloud: aws
  managed: preferred
entities:
  article:
    rows: 20M
    growth: 500k/month
    fields:
      title: string(300)!
      body: text!
      published_at: timestamp!
access_patterns:
  - name: search_articles
    sql: |
      select id, title from article
      where to_tsvector('english', body) @@ plainto_tsquery('english', :q)
      order by published_at desc limit 20
    rate: ${searchRate}
    p99: 100ms
  - name: article_by_id
    sql: select * from article where id = :id
    rate: 3000/s
  - name: publish
    sql: insert into article (title, body, published_at) values (:title, :body, now())
    rate: 1/s
`;

const CLOUD_ONLY = ['spanner', 'dynamodb', 'cosmosdb', 'firestore', 'bigtable', 'neptune', 'documentdb'];

describe('technology selection', () => {
  it('the reference spec chooses PostgreSQL, with every catalog engine scored and the runners-up explained', async () => {
    const s = await select(referenceSpec());
    assert.equal(s.choice, 'postgresql');
    assert.equal(catalogEngine(s.choice)!.family, 'relational');

    assert.equal(s.ranking.length, TECHNOLOGY_CATALOG.length);
    assert.ok(s.ranking.length >= 35);
    assert.deepEqual([...new Set(s.ranking.map((r) => r.id))].sort(), TECHNOLOGY_CATALOG.map((e) => e.id).sort());
    for (const entry of s.ranking) {
      assert.deepEqual(
        entry.criteria.map((c) => c.name),
        PRIMARY_STORE_CRITERIA.map((c) => c.name),
        entry.id,
      );
      for (const c of entry.criteria) assert.ok(c.score >= 0 && c.score <= 1 && c.why.length > 0, `${entry.id} ${c.name}`);
    }
    // Qualified engines first, each group by score.
    const firstDisqualified = s.ranking.findIndex((r) => r.disqualifiers.length > 0);
    assert.ok(s.ranking.slice(firstDisqualified).every((r) => r.disqualifiers.length > 0));
    assert.equal(s.ranking[0]!.id, 'postgresql');

    // Strong consistency over related rows rules out engines without multi-row transactions; AWS rules out Spanner.
    const reasons = (id: string) => s.ranking.find((r) => r.id === id)!.disqualifiers.join('\n');
    assert.match(reasons('cassandra'), /no multi-row ACID transactions/);
    assert.match(reasons('spanner'), /only available on Google Cloud: the spec's cloud is aws/);

    const primary = decision(s, 'technology/primary-store');
    assert.ok(decisionSchema.safeParse(primary).success);
    assert.equal(primary.area, 'technology');
    assert.equal(primary.choice, 'postgresql');
    const runnersUp = primary.alternatives.slice(0, 4);
    assert.equal(runnersUp.length, 4);
    for (const a of runnersUp) assert.match(a.rejectedBecause, /^scored [\d.]+ against [\d.]+; behind on /);
    assert.match(text(primary), /MySQL .*behind on aggregation/);
    // Every family is answered, not only the close relatives.
    for (const family of ['document', 'key-value', 'wide-column', 'graph', 'search'])
      assert.ok(
        primary.alternatives.some((a) => a.option.includes(`(${family},`)),
        family,
      );

    assert.match(text(primary), /CAP CP, PACELC PC\/EC/);
    assert.deepEqual([s.tradeoff.cap, s.tradeoff.pacelc], ['CP', 'PC/EC']);
    assert.ok(primary.evidence.some((e) => e.tier === 'derived' && e.source === 'rule:technology-score'));
    assert.ok(primary.evidence.some((e) => e.tier === 'derived' && e.source.startsWith('https://www.postgresql.org/')));
    assert.ok(primary.evidence.some((e) => e.tier === 'assumed' && e.source === 'catalog:postgresql.singleNodeWritesPerSecond'));
    assert.equal(decisionTier(primary), 'assumed');

    // Stale-tolerant reads get no side store here: the caching analysis owns the cache and names its store.
    assert.deepEqual(
      s.polyglot.map((p) => p.role),
      [],
    );
  });

  for (const [name, spec] of [
    ['an insert pattern at 1M/s', iot('86.4B/day', INGEST)],
    ['growth of 86.4B/day alone', iot('86.4B/day', '')],
  ] as const) {
    it(`IoT at 1M writes/s (${name}) chooses a distributed engine, never single-node PostgreSQL`, async () => {
      const s = await select(spec);
      assert.notEqual(s.choice, 'postgresql');
      const engine = catalogEngine(s.choice)!;
      assert.ok(['time-series', 'wide-column'].includes(engine.family), engine.family);
      assert.equal(engine.writeScaling, 'native-sharding');
      assert.equal(s.choice, 'clickhouse');

      const postgres = s.ranking.find((r) => r.id === 'postgresql')!;
      assert.match(postgres.disqualifiers.join(), /peak writes 1,000,000\/s are 50× its single-node ceiling of about 20,000\/s .*Citus/);
      // TimescaleDB lost multi-node after 2.13: one node cannot take 1M/s either.
      assert.match(s.ranking.find((r) => r.id === 'timescaledb')!.disqualifiers.join(), /1,000,000\/s/);

      const primary = decision(s, 'technology/primary-store');
      assert.match(primary.rationale.join('\n'), /peak writes 1,000,000\/s/);
      assert.match(primary.rationale.join('\n'), /Writes: 1,000,000\/s at about 1,000,000\/s per node/);
      assert.match(text(primary), /PostgreSQL .*disqualified: peak writes 1,000,000\/s/);
      assert.equal(s.tradeoff.pacelc, 'PA/EL');
      assert.match(s.tradeoff.explanation, /eventual consistency/);
      assert.deepEqual(s.polyglot, [], 'the primary already is the analytics and time-series store');
    });
  }

  it('a small on-premises, low-budget spec gets no cloud-only engine, and those carry the reason', async () => {
    const s = await select(onPremises);
    assert.equal(s.choice, 'postgresql');
    assert.ok(!CLOUD_ONLY.includes(s.choice));
    const top = s.ranking.slice(0, 10).map((r) => r.id);
    for (const id of CLOUD_ONLY) {
      assert.ok(!top.includes(id), `${id} not in the top 10`);
      const entry = s.ranking.find((r) => r.id === id)!;
      assert.match(entry.disqualifiers.join('\n'), /runs only as a managed service \(.+\): the spec requires on-premises/, id);
      assert.match(entry.disqualifiers.join('\n'), /the spec avoids managed services/, id);
    }
    // A commercial licence bought directly weighs on a low budget.
    const sqlServer = s.ranking.find((r) => r.id === 'sqlserver')!;
    assert.match(sqlServer.criteria.find((c) => c.name === 'cost')!.why, /commercial licence bought directly on a low budget/);
    assert.ok(sqlServer.score < s.ranking[0]!.score);
    assert.deepEqual(s.polyglot, []);
  });

  it('full-text search at a high rate brings a search engine beside the primary, kept in step by CDC', async () => {
    const s = await select(knowledgeBase('1500/s'));
    assert.equal(s.choice, 'postgresql');
    const search = s.polyglot.find((p) => p.role === 'search');
    assert.ok(search, JSON.stringify(s.polyglot));
    assert.equal(catalogEngine(search.engine)!.family, 'search');
    assert.equal(search.engine, 'opensearch', 'on AWS, the cloud’s own managed search service');
    assert.equal(search.sync, 'cdc');
    assert.match(search.cost, /lag/);

    const d = decision(s, 'technology/polyglot/search');
    assert.match(d.rationale.join('\n'), /1,500\/s of text search over article\.body/);
    assert.match(d.rationale.join('\n'), /Debezium/);
    assert.match(text(d), /PostgreSQL alone: PostgreSQL full-text search \(a GIN index on the tsvector expression.*\) would rank 1,500\/s of searches/);
    assert.deepEqual(d.patterns, ['search_articles']);
    assert.ok(!s.decisions.some((x) => x.id === 'technology/full-text-search'));
  });

  it('full-text search at a low rate stays in PostgreSQL, with a GIN index, saying why', async () => {
    const s = await select(knowledgeBase('5/s'));
    assert.equal(s.choice, 'postgresql');
    assert.deepEqual(
      s.polyglot.filter((p) => p.role === 'search'),
      [],
    );
    const d = decision(s, 'technology/full-text-search');
    assert.match(d.choice, /^PostgreSQL full-text search with a GIN index on the tsvector expression/);
    assert.match(d.rationale.join('\n'), /Index `to_tsvector\('english', body\)` on `article` \(@@\)/);
    assert.match(d.rationale.join('\n'), /pays off from about 200\/s of searches over 1 million rows; this workload searches at 5\/s/);
    assert.match(d.alternatives[0]!.rejectedBecause, /another system to run/);
  });

  it('is deterministic: the same input gives the same selection', async () => {
    const first = await select(referenceSpec());
    const second = await select(referenceSpec());
    assert.deepEqual(first, second);
    assert.equal(JSON.stringify(first), JSON.stringify(second));
    const iotFirst = await select(iot('86.4B/day', INGEST));
    assert.deepEqual(iotFirst, await select(iot('86.4B/day', INGEST)));
  });
});
