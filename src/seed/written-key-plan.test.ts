import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSpecText } from '../spec/load-spec.js';
import type { Table } from '../model/schema.js';
import { planWrittenValues } from './written-key-plan.js';

async function tablesOf(yaml: string): Promise<Map<string, Table>> {
  const result = await loadSpecText('spec.yaml', yaml);
  assert.ok(result.loaded, JSON.stringify(result.diagnostics));
  return new Map(result.loaded.schema.tables.map((t) => [t.name, t]));
}

describe('planWrittenValues', () => {
  it('a join table keyed by two references: both parents drawn, the pair must be absent', async () => {
    const tables = await tablesOf(`version: 1
name: t
entities:
  user:
    fields:
      handle: { type: string(40), required: true, unique: true }
  follow:
    fields:
      follower: ref(user)!
      followee: ref(user)!
    key: [follower_id, followee_id]
`);
    const plan = planWrittenValues(tables.get('follow')!, ['follower_id', 'followee_id']);
    assert.deepEqual(
      plan.parents.map((p) => [p.alias, p.fk.refTable, p.sources.map((s) => s.column), p.joins.length]),
      [
        ['p0', 'user', ['follower_id'], 0],
        ['p1', 'user', ['followee_id'], 0],
      ],
    );
    assert.deepEqual(
      plan.absentKeys.map((k) => [k.columns.map((c) => c.column), k.level]),
      [[['follower_id', 'followee_id'], 1]],
    );
    assert.deepEqual(plan.fresh, []);
    // The user's identity key is the database's; the unique handle gets a fresh value.
    const user = planWrittenValues(tables.get('user')!, ['handle']);
    assert.deepEqual([user.fresh, user.absentKeys, user.parents], [['handle'], [], []]);
  });

  it('under tenancy: references share the tenant, the tenant key is joined, a key with its own column is made fresh', async () => {
    const tables = await tablesOf(`version: 1
name: t
requirements:
  tenancy: shared-schema
entities:
  tenant:
    global: true
    fields:
      name: string(60)!
  product:
    fields:
      sku: string(40)!
    unique: [[tenant_id, sku]]
  category:
    fields:
      name: string(60)!
  product_category:
    fields:
      product: ref(product)!
      category: ref(category)!
      rank: enum(main, extra)!
    key: [tenant_id, product_id, category_id]
    unique: [[tenant_id, product_id, rank]]
`);
    const link = planWrittenValues(tables.get('product_category')!, ['tenant_id', 'product_id', 'category_id', 'rank']);
    assert.deepEqual(
      link.parents.map((p) => [
        p.fk.refTable,
        p.sources.map((s) => s.column),
        p.joins.map((j) => `${p.alias}.${j.refColumn} = ${j.alias}.${j.otherRefColumn}`),
      ]),
      [
        ['product', ['tenant_id', 'product_id'], []],
        ['category', ['category_id'], ['p1.tenant_id = p0.tenant_id']],
        ['tenant', [], ['p2.id = p0.tenant_id']],
      ],
    );
    // The enum cannot be fresh: its made-up value takes part in the absent combination.
    assert.deepEqual(
      link.absentKeys.map((k) => [k.columns.map((c) => `${c.column}:${c.value.kind}`), k.level]),
      [
        [['tenant_id:parent', 'product_id:parent', 'category_id:parent'], 1],
        [['tenant_id:parent', 'product_id:parent', 'rank:made-up'], 0],
      ],
    );
    assert.deepEqual(link.madeUp, ['rank']);
    const product = planWrittenValues(tables.get('product')!, ['tenant_id', 'sku']);
    assert.deepEqual([product.fresh, product.absentKeys], [['sku'], []]);
  });

  it('a key with a column the INSERT does not set (a literal, a default) is left to the engine', async () => {
    const tables = await tablesOf(`version: 1
name: t
entities:
  user:
    fields:
      name: string(40)!
  badge:
    fields:
      user: ref(user)!
      kind: enum(gold, silver)!
    unique: [[user_id, kind]]
`);
    const plan = planWrittenValues(tables.get('badge')!, ['user_id']);
    assert.deepEqual(plan.absentKeys, []);
    assert.deepEqual(plan.fresh, []);
  });
});
