import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { col, tag, type KeyDef } from './key-template.js';
import { matchKey, type KeyNeeds } from './match-key.js';

const param = (name: string) => ({ kind: 'param' as const, name });
const names = { pk: 'GSI1PK', sk: 'GSI1SK' };
// orders by customer, newest first: PK TENANT#t#CUSTOMER#c, SK placed_at#id
const key: KeyDef = { pk: [tag('TENANT'), col('tenant_id'), tag('CUSTOMER'), col('customer_id')], sk: [col('placed_at'), col('id')] };
const needs = (extra: Partial<KeyNeeds>): KeyNeeds => ({
  eq: new Map([
    ['tenant_id', param('tenant')],
    ['customer_id', param('customer')],
  ]),
  ins: new Map(),
  order: [],
  ...extra,
});

describe('a key serves a request only with exact key conditions', () => {
  it('equality on the partition key, the order on the sort key: a Query in that direction', () => {
    const m = matchKey(key, needs({ order: [{ attribute: 'placed_at', direction: 'desc' }] }), names)!;
    assert.equal(m.scanIndexForward, false);
    assert.deepEqual(
      m.conditions.map((c) => [c.attribute, c.operator]),
      [['GSI1PK', '=']],
    );
  });

  it('a range on the first sort-key column is a key condition past the rest of the key (#~)', () => {
    const m = matchKey(key, needs({ range: { attribute: 'placed_at', operator: '<=', value: param('until') } }), names)!;
    assert.equal(m.rangeOnKey, true);
    assert.deepEqual(m.conditions[1], {
      attribute: 'GSI1SK',
      operator: '<=',
      value: { parts: [{ kind: 'value', column: 'placed_at', source: param('until') }], suffix: '#~' },
    });
  });

  it('a partition key column left unbound, an equality outside the key or an order the key does not hold: no match', () => {
    assert.equal(matchKey(key, { eq: new Map([['tenant_id', param('t')]]), ins: new Map(), order: [] }, names), undefined);
    const extra = needs({});
    (extra.eq as Map<string, unknown>).set('status', param('s'));
    assert.equal(matchKey(key, extra, names), undefined);
    assert.equal(matchKey(key, needs({ order: [{ attribute: 'total', direction: 'asc' }] }), names), undefined);
  });
});
