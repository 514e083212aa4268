import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadForAnalysis, referenceYaml } from '../../../test/helpers.js';
import { chooseModelingPatterns } from './modeling-patterns.js';

async function model(yaml: string) {
  const { spec, schema, workload } = await loadForAnalysis(yaml);
  return chooseModelingPatterns(spec, schema, workload);
}

describe('modeling patterns', () => {
  it('the reference spec: adjacency list, event log with a required snapshot, history, a daily aggregate, shared schema', async () => {
    const { decisions, schema } = await model(referenceYaml());
    assert.deepEqual(
      decisions.map((d) => d.id),
      ['modeling/hierarchy/category', 'modeling/event-log/inventory_event', 'modeling/history', 'modeling/aggregate/daily_revenue', 'modeling/tenancy-model'],
    );
    assert.equal(decisions[0]!.choice.startsWith('`parent_id` referencing the parent (adjacency list)'), true);
    assert.match(decisions[1]!.rationale.join(' '), /Retention drops events after 730 days, so the sum over the remaining events becomes wrong/);
    assert.deepEqual(decisions[1]!.patterns, ['stock_level']);
    assert.match(decisions[2]!.choice, /\(tenant_history, customer_history, product_history, order_history, order_line_history, payment_history\)/);
    assert.match(
      decisions[1]!.choice,
      /inventory_event_snapshot\(tenant_id, product_id, sum_delta, as_of\) kept by the trigger inventory_event_snapshot_trigger/,
    );
    assert.match(decisions[3]!.choice, /^a materialized view daily_revenue_mv\(tenant_id, day, sum_total\) .* refreshes concurrently every 295 s/);
    // The structures the decisions name are in the schema they return.
    const names = schema.tables.map((t) => t.name);
    for (const t of ['tenant', 'customer', 'product', 'order', 'order_line', 'payment']) {
      assert.ok(names.includes(`${t}_history`), `${t}_history`);
      assert.deepEqual(
        schema.tables.find((x) => x.name === t)!.triggers?.map((x) => [x.kind, x.name]),
        [['history', `${t}_history_trigger`]],
      );
    }
    assert.deepEqual(schema.tables.find((t) => t.name === 'inventory_event_snapshot')!.primaryKey.columns, ['tenant_id', 'product_id']);
    assert.deepEqual(
      schema.views?.map((v) => [v.name, v.uniqueIndex, v.refreshEverySeconds]),
      [['daily_revenue_mv', 'daily_revenue_mv_key', 295]],
    );
    assert.equal(decisions[4]!.title, 'Tenancy model: shared-schema');
  });

  it('a pre-aggregate over a range the parameters bound is recommended, not emitted', async () => {
    const { decisions, schema } = await model(
      `version: 1\nname: t\nentities:\n  reading:\n    rows: 50M\n    fields:\n      sensor: int!\n      value: float!\n      taken_at: timestamp!\naccess_patterns:\n  - name: rollup\n    sql: select sensor, date_trunc('hour', taken_at) as hour, avg(value) from reading where taken_at >= :from and taken_at < :to group by 1, 2\n    rate: 1/s\n`,
    );
    const rollup = decisions.find((d) => d.id === 'modeling/aggregate/rollup')!;
    assert.match(
      rollup.choice,
      /^a summary table reading_rollup\(sensor, date_trunc\('hour', taken_at\), aggregates\) kept by the writes; .*\(recommended, not emitted: no window ending now\(\)/,
    );
    assert.equal(schema.views, undefined);
  });

  it('an event log folded by a non-additive aggregate keeps no snapshot table and says why', async () => {
    const { decisions, schema } = await model(
      `version: 1\nname: t\nentities:\n  move:\n    append_only: true\n    rows: 1M\n    fields:\n      item: int!\n      qty: int!\naccess_patterns:\n  - name: largest\n    sql: select max(qty) from move where item = :item\n    rate: 1/s\n`,
    );
    assert.match(decisions.find((d) => d.id === 'modeling/event-log/move')!.choice, /recommended, not emitted: max\(qty\) is not a sum or count/);
    assert.equal(
      schema.tables.some((t) => t.name === 'move_snapshot'),
      false,
    );
  });

  it('frequent tree walks get a closure table', async () => {
    const { decisions } = await model(
      `version: 1\nname: t\nentities:\n  node:\n    fields:\n      name: string(20)!\n      parent: ref(node)\naccess_patterns:\n  - name: subtree\n    sql: with recursive sub as (select id from node where id = :root union all select n.id from node n join sub on n.parent_id = sub.id) select id from sub\n    rate: 200/s\n`,
    );
    const tree = decisions.find((d) => d.id === 'modeling/hierarchy/node')!;
    assert.equal(tree.title, '`node` is a hierarchy: closure table');
    assert.deepEqual(tree.patterns, ['subtree']);
  });

  it('a few regulated tenants are advised their own databases', async () => {
    const { decisions } = await model(
      `version: 1\nname: t\nrequirements:\n  tenancy: shared-schema\n  tenants: 20\n  compliance: [hipaa]\nentities:\n  patient:\n    fields:\n      name: { type: string(80), pii: true }\n`,
    );
    assert.equal(
      decisions.find((d) => d.id === 'modeling/tenancy-model')!.title,
      'Tenancy model: shared-schema (the analysis would choose database-per-tenant)',
    );
  });
});
