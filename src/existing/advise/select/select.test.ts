import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { VolumeStatistics } from '../../../design/indexes/statistics.js';
import type { Index } from '../../../model/schema.js';
import { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';
import { loadPgParser } from '../../../sql/pg-parser.js';
import { WhatIfCosts } from '../whatif/cost-cache.js';
import type { WhatIfEngine } from '../whatif/engine.js';
import { readStatement } from '../workload/read-statement.js';
import type { WorkloadQuery } from '../workload/workload.js';
import { workloadCandidates } from './candidates.js';
import { optionTables, solveExact } from './exact.js';
import type { Limits } from './greedy.js';
import { searchGreedy } from './advise-indexes.js';
import { Objective, type SizedCandidate } from './objective.js';

before(loadPgParser);

/** A planner made of tables: each query's cost is the cheapest of its options whose indexes are all visible. */
function fakeEngine(options: Record<string, { uses: string[]; cost: number }[]>): WhatIfEngine {
  let visible = new Set<string>();
  return {
    method: 'rolled-back-builds',
    canHide: false,
    async configure(indexes) {
      visible = new Set(indexes.map((i) => i.name));
    },
    async explain(query) {
      const best = (options[query.sql] ?? []).filter((o) => o.uses.every((u) => visible.has(u))).sort((a, b) => a.cost - b.cost)[0]!;
      return { cost: best.cost, indexesUsed: best.uses, writtenRows: 0 };
    },
    async builtBytes() {
      return undefined;
    },
    async close() {},
  };
}

const index = (name: string): Index => ({ name, table: 't', keys: [{ column: name }], include: [], where: [], method: 'btree', unique: false, reason: 'test' });
const candidate = (name: string, bytes: number, maintenance = 0): SizedCandidate => ({ index: index(name), key: name, askedBy: [], bytes, maintenance });
const query = (id: string, weight = 1): WorkloadQuery => ({
  id,
  sql: id,
  parameters: 0,
  weight,
  shape: {
    kind: 'select',
    tables: [{ table: 't', alias: 't', scope: 'main' }],
    predicates: [],
    joins: [],
    orderBy: [],
    groupBy: [],
    aggregates: [],
    projected: [],
    ctes: [],
  },
  origin: { kind: 'pattern', pattern: id },
});
const limits = (budgetBytes: number, maxIndexes = 10): Limits => ({ budgetBytes, maxIndexes, minImprovement: 0 });

describe('the budgeted search', () => {
  // q1 is served 100 by the big index a; q2 and q3 each 15 by the small b and c.
  const engine = () =>
    fakeEngine({
      q1: [
        { uses: [], cost: 200 },
        { uses: ['a'], cost: 100 },
      ],
      q2: [
        { uses: [], cost: 20 },
        { uses: ['b'], cost: 5 },
      ],
      q3: [
        { uses: [], cost: 20 },
        { uses: ['c'], cost: 5 },
      ],
    });
  const setup = () => {
    const costs = new WhatIfCosts(engine());
    const objective = new Objective([query('q1'), query('q2'), query('q3')], costs);
    return { objective, candidates: [candidate('a', 100), candidate('b', 10), candidate('c', 10)] };
  };

  it('by benefit per byte alone the small indexes would fill the budget; the search keeps the better of both rankings', async () => {
    const { objective, candidates } = setup();
    const chosen = await searchGreedy(objective, candidates, limits(100));
    assert.deepEqual(chosen.map((c) => c.key).sort(), ['a']);
    const roomy = await searchGreedy(objective, candidates, limits(120));
    assert.deepEqual(roomy.map((c) => c.key).sort(), ['a', 'b', 'c']);
    const two = await searchGreedy(objective, candidates, limits(1000, 2));
    assert.equal(two.length, 2);
    assert.ok(
      two.some((c) => c.key === 'a'),
      'the big index and one of the equal small ones',
    );
  });

  it('an index whose write upkeep exceeds what it saves is not chosen', async () => {
    const { objective } = setup();
    const chosen = await searchGreedy(objective, [candidate('a', 100, 150), candidate('b', 10, 1)], limits(1000));
    assert.deepEqual(
      chosen.map((c) => c.key),
      ['b'],
    );
  });

  it('the exact search over option tables agrees with every subset tried by hand', async () => {
    const costs = new WhatIfCosts(
      fakeEngine({
        q1: [
          { uses: [], cost: 100 },
          { uses: ['a'], cost: 60 },
          { uses: ['b'], cost: 70 },
          { uses: ['a', 'b'], cost: 20 },
        ],
        q2: [
          { uses: [], cost: 50 },
          { uses: ['c'], cost: 10 },
          { uses: ['b'], cost: 30 },
        ],
        q3: [
          { uses: [], cost: 80 },
          { uses: ['d'], cost: 20 },
          { uses: ['a'], cost: 50 },
        ],
      }),
    );
    const queries = [query('q1', 2), query('q2', 1), query('q3', 1)];
    const objective = new Objective(queries, costs);
    const candidates = [candidate('a', 40, 5), candidate('b', 30, 1), candidate('c', 20, 2), candidate('d', 50, 1)];
    const tables = await optionTables(objective, candidates);
    for (const budget of [0, 30, 50, 70, 90, 120, 200]) {
      const solution = solveExact(tables, candidates, { budgetBytes: budget, maxIndexes: 3 });
      let best = Number.POSITIVE_INFINITY;
      for (let mask = 0; mask < 16; mask++) {
        const set = candidates.filter((_, i) => mask & (1 << i));
        if (set.length > 3 || set.reduce((s, c) => s + c.bytes, 0) > budget) continue;
        best = Math.min(best, (await objective.total(set)).total);
      }
      assert.ok(solution.proven);
      assert.ok(Math.abs(solution.objective - best) < 1e-9, `budget ${budget}: exact ${solution.objective}, by hand ${best}`);
    }
  });
});

describe('candidates from the query shapes', () => {
  const orders = table(
    'orders',
    [
      column('id', { kind: 'int64' }, { identity: 'always' }),
      column('customer_id', { kind: 'int64' }),
      column('paid', { kind: 'bool' }),
      column('total', { kind: 'int32' }),
      column('created_at', { kind: 'timestamp', withTimeZone: true }),
    ],
    { indexes: [index('customer_id')].map((i) => ({ ...i, name: 'orders_customer_idx', table: 'orders' })) },
  );
  const schema = schemaOf(orders);
  const stats = new VolumeStatistics(schema, undefined, new Map([['orders', 1_000_000]]));
  const from = (sql: string): WorkloadQuery => {
    const r = readStatement(sql, schema);
    assert.ok(r.ok);
    return { id: 'q', sql, parameters: r.parameters, weight: 1, shape: r.shape, origin: { kind: 'pattern', pattern: 'q' } };
  };
  const keysOf = (sql: string) =>
    workloadCandidates([from(sql)], schema, stats, { methods: new Set(['btree']) }).map(
      (c) =>
        `${c.index.keys.map((k) => `${k.column}${k.order === 'desc' ? ' desc' : ''}`).join(',')}${c.index.include.length ? ` +${c.index.include.join(',')}` : ''}${c.index.where.length ? ` where ${c.index.where.map((w) => w.column).join(',')}` : ''}`,
    );

  it('equality, sort and range: the shape’s own key, its prefixes, its columns alone and a covering variant; the existing index is left out', () => {
    assert.deepEqual(keysOf('SELECT id, total FROM orders WHERE customer_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT 10'), [
      'customer_id,created_at desc',
      'created_at',
      'customer_id,created_at desc +id,total',
    ]);
  });

  it('a constant condition on a low-cardinality column: the partial index and a full one led by the condition column', () => {
    assert.deepEqual(keysOf('SELECT id FROM orders WHERE paid = false AND created_at > $1'), [
      'created_at where paid',
      'paid,created_at',
      'created_at +id where paid',
    ]);
  });
});
