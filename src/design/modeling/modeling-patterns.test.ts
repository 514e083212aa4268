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
    const { decisions, warnings } = await model(referenceYaml());
    assert.deepEqual(decisions.map((d) => d.id), ['modeling/hierarchy/category', 'modeling/event-log/inventory_event', 'modeling/history', 'modeling/aggregate/daily_revenue', 'modeling/tenancy-model']);
    assert.equal(decisions[0]!.choice.startsWith('`parent_id` referencing the parent (adjacency list)'), true);
    assert.match(decisions[1]!.rationale.join(' '), /Retention drops events after 730 days, so the sum over the remaining events becomes wrong/);
    assert.deepEqual(decisions[1]!.patterns, ['stock_level']);
    assert.match(decisions[2]!.choice, /\(tenant, customer, product, order, order_line, payment\)/);
    assert.equal(decisions[4]!.title, 'Tenancy model: shared-schema');
    assert.deepEqual(warnings.map((w) => w.code), ['design/fold-over-expiring-events']);
  });

  it('frequent tree walks get a closure table', async () => {
    const { decisions } = await model(`version: 1\nname: t\nentities:\n  node:\n    fields:\n      name: string(20)!\n      parent: ref(node)\naccess_patterns:\n  - name: subtree\n    sql: with recursive sub as (select id from node where id = :root union all select n.id from node n join sub on n.parent_id = sub.id) select id from sub\n    rate: 200/s\n`);
    const tree = decisions.find((d) => d.id === 'modeling/hierarchy/node')!;
    assert.equal(tree.title, '`node` is a hierarchy: closure table');
    assert.deepEqual(tree.patterns, ['subtree']);
  });

  it('a few regulated tenants are advised their own databases', async () => {
    const { decisions } = await model(`version: 1\nname: t\nrequirements:\n  tenancy: shared-schema\n  tenants: 20\n  compliance: [hipaa]\nentities:\n  patient:\n    fields:\n      name: { type: string(80), pii: true }\n`);
    assert.equal(decisions.find((d) => d.id === 'modeling/tenancy-model')!.title, 'Tenancy model: shared-schema (the analysis would choose database-per-tenant)');
  });
});
