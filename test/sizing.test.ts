import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import type { Design } from '../src/model/design.js';
import { ROOT } from './helpers.js';

/**
 * Sizing a human architect would sign. The rule each bound states is the back-of-the-envelope an
 * architect makes from the spec's numbers: vCPU ≈ simple queries/s ÷ 1,000 (2,000 per vCPU at 50%);
 * RAM ≥ the hot set; nodes ≈ the largest of data ÷ 5 TB, writes ÷ the engine's writes per node and
 * hot set ÷ one node's RAM, times the copies; a standby, replica or pooler only where a stated number
 * needs it. The bounds allow a factor of about 4 either way around that estimate.
 */
async function designOf(name: string): Promise<Design> {
  const result = await designFromFile(join(ROOT, 'examples', `${name}.yaml`));
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return result.design;
}

const topology = (d: Design) => ({
  engine: d.technology.choice,
  vcpu: d.scaling.instance?.vcpu,
  nodes: d.scaling.cluster?.nodes ?? (d.scaling.sharding ? d.scaling.sharding.workers : 1),
  replicas: d.scaling.replicas.count,
  standby: d.availability.standby,
  pooler: d.scaling.pooling?.pooler,
  citus: d.scaling.sharding !== undefined,
});

describe('sizing in proportion to the stated numbers', () => {
  it('internal tool (50 users, a few writes a day, 99.5%): one small PostgreSQL with backups, nothing more', async () => {
    const t = topology(await designOf('internal-tool'));
    assert.deepEqual(
      { ...t, vcpu: undefined },
      { engine: 'postgresql', vcpu: undefined, nodes: 1, replicas: 0, standby: 'none', pooler: 'none', citus: false },
    );
    assert.ok(t.vcpu! <= 2);
  });

  it('GDPR accounts (5 writes/s): one small primary with a standby for 99.9%, no pooler, no replica', async () => {
    const t = topology(await designOf('gdpr-accounts'));
    assert.equal(t.engine, 'postgresql');
    assert.ok(t.vcpu! <= 4, `${t.vcpu} vCPU`);
    assert.deepEqual([t.nodes, t.replicas, t.citus], [1, 0, false]);
    assert.notEqual(t.standby, 'none');
  });

  it('HIPAA clinic (~500 queries/s, 99.95%): 2–8 vCPU, one primary and its standby', async () => {
    const t = topology(await designOf('hipaa-clinic'));
    assert.equal(t.engine, 'postgresql');
    assert.ok(t.vcpu! >= 1 && t.vcpu! <= 8, `${t.vcpu} vCPU`);
    assert.deepEqual([t.nodes, t.replicas, t.citus], [1, 0, false]);
    assert.notEqual(t.standby, 'none');
  });

  it('reference shop (~3,300 reads/s): 2–16 vCPU on one primary', async () => {
    const t = topology(await designOf('saas-shop'));
    assert.ok(t.vcpu! >= 2 && t.vcpu! <= 16, `${t.vcpu} vCPU`);
    assert.deepEqual([t.nodes, t.citus], [1, false]);
  });

  it('IoT (1M rows/s, 7.8T rows kept 90 days): a columnar cluster of tens of nodes, never Citus', async () => {
    const d = await designOf('iot-telemetry');
    const t = topology(d);
    assert.equal(t.engine, 'clickhouse');
    assert.equal(t.citus, false);
    // ~60 TB compressed ÷ 5 TB ≈ 12 shards × 2 copies ≈ 24 nodes
    assert.ok(t.nodes >= 6 && t.nodes <= 96, `${t.nodes} nodes`);
    assert.doesNotMatch(JSON.stringify(d.decisions), /Citus workers/);
  });

  it('event-sourced orders (~7k statements/s, 26 TB at 7 years): a distributed SQL cluster of a few tens of nodes at most', async () => {
    const t = topology(await designOf('order-events'));
    assert.notEqual(t.engine, 'clickhouse', 'an event store needs its (stream, version) key enforced at write time');
    // 26 TB ÷ 5 TB ≈ 6 shards × 3 copies ≈ 18 nodes
    assert.ok(t.nodes >= 4 && t.nodes <= 72, `${t.nodes} nodes`);
  });

  it('social network (100M users, 83k writes/s, 336 TB at the horizon): a sharded cluster of tens to hundreds of nodes', async () => {
    const t = topology(await designOf('social-network'));
    assert.notEqual(t.engine, 'clickhouse', 'likes and follows need their keys enforced at write time');
    // 336 TB ÷ 5 TB ≈ 68 shards × 3 copies ≈ 200 nodes
    assert.ok(t.nodes >= 50 && t.nodes <= 800, `${t.nodes} nodes`);
  });
});
