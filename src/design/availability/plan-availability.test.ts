import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadSpecText } from '../../spec/load-spec.js';
import { planAvailability } from './plan-availability.js';
import { postgresDialect } from '../../dialects/postgres/index.js';

async function plan(yaml: string) {
  const loaded = await loadSpecText('spec.yaml', yaml);
  assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
  return planAvailability(loaded.loaded.spec, { maxConnections: 83, engine: POSTGRES, healthQueries: postgresDialect.catalog.healthQueries });
}

const POSTGRES = { id: 'postgresql', name: 'PostgreSQL', plan: 'postgresql' } as const;

describe('availability and recovery', () => {
  it('99.95% gets a synchronous standby with automatic failover, PITR backups with restore tests, and alerts with thresholds', async () => {
    const { availability, decisions } = await plan(readFileSync(new URL('../../../examples/saas-shop.yaml', import.meta.url), 'utf8'));
    assert.equal(availability.downtimeMinutesPerMonth, 21.9);
    assert.deepEqual([availability.rpoSeconds, availability.rtoSeconds, availability.targetsBasis], [0, 120, 'derived']);
    assert.match(availability.topology[0]!, /synchronous standby in a second availability zone/);
    assert.ok(availability.backups.some((b) => /point-in-time recovery over the last 35 days/.test(b)));
    assert.ok(availability.backups.some((b) => /restore test every week/.test(b)));
    const alerts = new Map(availability.alerts.map((a) => [a.name, a.threshold]));
    assert.equal(alerts.get('connection saturation'), '> 66 of 83 connections (80%)');
    assert.equal(alerts.get('cache hit ratio'), '< 99% over 15 minutes');
    assert.equal(alerts.get('slow pattern: customer_orders'), 'p99 > 20ms for 5 minutes');
    for (const name of ['replication lag', 'table bloat', 'long transactions']) assert.ok(alerts.has(name), name);
    assert.equal(decisions[0]!.title, 'High availability for 99.95%: synchronous standby with automatic failover');
  });

  it('stated targets win, and a relaxed spec gets an asynchronous standby', async () => {
    const { availability } = await plan(
      `version: 1\nname: t\nrequirements:\n  availability: 99.9%\n  rpo: 30s\n  rto: 10m\nentities:\n  a:\n    fields:\n      b: int\n`,
    );
    assert.deepEqual([availability.rpoSeconds, availability.rtoSeconds, availability.targetsBasis], [30, 600, 'spec']);
    assert.match(availability.topology[0]!, /asynchronous streaming standby/);
    assert.equal(availability.alerts.find((a) => a.name === 'replication lag')!.threshold, 'lag > 15 s (half the RPO)');
  });

  it('below 99.9% with no stated RPO or RTO: one primary and backups, no standby (proportion)', async () => {
    const { availability, decisions } = await plan(`version: 1\nname: t\nrequirements:\n  availability: 99.5%\nentities:\n  a:\n    fields:\n      b: int\n`);
    assert.equal(availability.standby, 'none');
    assert.match(availability.topology.join(' '), /one primary, no standby/);
    assert.equal(
      availability.alerts.find((a) => a.name === 'replication lag'),
      undefined,
    );
    assert.match(decisions[0]!.title, /one primary, restored from backups/);
  });

  it('a natively replicated engine gets its own topology and no PostgreSQL alert queries', async () => {
    const loaded = await loadSpecText('spec.yaml', `version: 1\nname: t\nrequirements:\n  availability: 99.9%\nentities:\n  a:\n    fields:\n      b: int\n`);
    assert.ok(loaded.loaded);
    const cluster = { nodes: 4, replicationFactor: 2, writesPerNode: 1_000_000, hotSetBytesPerNode: 1, basis: [] };
    const { availability, decisions } = planAvailability(loaded.loaded.spec, {
      maxConnections: undefined,
      engine: { id: 'clickhouse', name: 'ClickHouse', plan: 'native' },
      cluster,
      healthQueries: postgresDialect.catalog.healthQueries,
    });
    assert.match(availability.topology[0]!, /ClickHouse keeps 2 copies of each shard/);
    // The decision says the same as the topology, not a PostgreSQL standby.
    assert.equal(decisions[0]!.title, 'High availability for 99.9%: 2 copies of each shard, failed over by ClickHouse');
    assert.doesNotMatch(decisions[0]!.rationale.join(' '), /asynchronous standby/);
    assert.ok(
      availability.alerts.every((a) => !a.query?.includes('pg_')),
      'no pg_ catalog queries',
    );
    assert.doesNotMatch(availability.backups.join(' '), /pgBackRest|WAL/);
  });
});
