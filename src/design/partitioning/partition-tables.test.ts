import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadForAnalysis, referenceYaml } from '../../../test/helpers.js';
import { partitionTables } from './partition-tables.js';

async function partition(yaml: string) {
  const { spec, schema, workload } = await loadForAnalysis(yaml);
  return partitionTables(spec, schema, workload);
}

describe('time partitioning', () => {
  it('the reference spec partitions its largest append-only table, and explains why order is not', async () => {
    const { schema, decisions } = await partition(referenceYaml());
    const partitioned = schema.tables.filter((t) => t.partitioning).map((t) => [t.name, t.partitioning]);
    assert.deepEqual(partitioned, [
      ['inventory_event', { method: 'range', column: 'occurred_at', interval: 'month', history: 24, premake: 3, retentionSeconds: 2 * 31_556_952 }],
    ]);
    const events = schema.tables.find((t) => t.name === 'inventory_event')!;
    assert.deepEqual(events.primaryKey.columns, ['tenant_id', 'id', 'occurred_at'], 'the partition key joins the primary key');
    const order = decisions.find((d) => d.id === 'partitioning/order')!;
    assert.match(order.rationale.join(' '), /order_line, payment reference order by foreign key/);
    const events_ = decisions.find((d) => d.id === 'partitioning/inventory_event')!;
    assert.match(events_.rationale.join(' '), /stock_level \(300\/s\) do not filter on occurred_at and probe the index of each of about 28 live partitions/);
    assert.match(
      events_.rationale.join(' '),
      /jobs script \(`schema\/postgres-jobs\.sql`\) hands inventory_event to it, adopting these partitions, with 3 made ahead and a retention of 730 days/,
    );
  });

  it('leaves small tables, tables without retention and tables without a time field alone', async () => {
    const { schema, decisions } = await partition(
      `version: 1\nname: t\nentities:\n  log:\n    rows: 1B\n    growth: 100M/month\n    fields:\n      line: text!\n      at: timestamp!\n  note:\n    rows: 1M\n    retention: 30d\n    fields:\n      at: timestamp!\n  blob:\n    rows: 1B\n    retention: 30d\n    fields:\n      data: text!\n`,
    );
    assert.deepEqual(
      schema.tables.filter((t) => t.partitioning),
      [],
    );
    assert.deepEqual(decisions, []);
  });

  it('a fast-growing table gets daily partitions, its surrogate key carrying the partition column', async () => {
    const { schema } = await partition(
      `version: 1\nname: t\nentities:\n  click:\n    rows: 2B\n    growth: 400M/month\n    retention: 90d\n    fields:\n      ref: string(40)!\n      at: timestamp!\n`,
    );
    const click = schema.tables[0]!;
    assert.equal(click.partitioning?.interval, 'day');
    assert.equal(click.partitioning?.history, 90);
    assert.deepEqual(click.primaryKey.columns, ['id', 'at']);
  });

  it('never widens a declared unique to partition: the table stays whole and the decision says why', async () => {
    const { schema, decisions } = await partition(
      `version: 1\nname: t\nentities:\n  click:\n    rows: 2B\n    growth: 400M/month\n    retention: 90d\n    unique: [[ref]]\n    fields:\n      ref: string(40)!\n      at: timestamp!\n`,
    );
    const click = schema.tables[0]!;
    assert.equal(click.partitioning, undefined);
    assert.deepEqual(
      click.uniques.map((u) => u.columns),
      [['ref']],
    );
    assert.match(decisions[0]!.title, /not partitioned: its declared keys would be weakened/);
    assert.match(decisions[0]!.rationale.join(' '), /click_ref_key \(ref\)/);
  });
});
