import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultDialect } from '../../../dialects/registry.js';
import { startPglite, type PgliteEngine } from '../../../engines/pglite.js';
import type { Index } from '../../../model/schema.js';
import { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';
import { loadPgParser } from '../../../sql/pg-parser.js';
import { readStatement } from '../workload/read-statement.js';
import type { WorkloadQuery } from '../workload/workload.js';
import { WhatIfCosts } from './cost-cache.js';
import { readCostConstants } from './explain.js';
import { estimateIndexSizes } from './index-size.js';
import { maintenancePerRow, writeTouches } from './maintenance.js';
import { startRolledBackBuilds } from './rolled-back-builds.js';

const ROWS = 50_000;
const events = table(
  'events',
  [
    column('id', { kind: 'int64' }, { identity: 'always' }),
    column('account_id', { kind: 'int64' }),
    column('kind', { kind: 'int32' }),
    column('at', { kind: 'timestamp', withTimeZone: true }),
  ],
  {
    indexes: [{ name: 'events_kind_idx', table: 'events', keys: [{ column: 'kind' }], include: [], where: [], method: 'btree', unique: false, reason: 'test' }],
  },
);
const schema = schemaOf(events);
const index = (name: string, columns: string[]): Index => ({
  name,
  table: 'events',
  keys: columns.map((c) => ({ column: c })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'candidate',
});

function query(id: string, sql: string): WorkloadQuery {
  const r = readStatement(sql, schema);
  if (!r.ok) throw new Error(r.message);
  return { id, sql, parameters: r.parameters, weight: 1, shape: r.shape, ...(r.write ? { write: r.write } : {}), origin: { kind: 'pattern', pattern: id } };
}

let engine: PgliteEngine;
before(async () => {
  await loadPgParser();
  engine = await startPglite();
  await engine.exec(`CREATE TABLE events (id int8 PRIMARY KEY, account_id int8 NOT NULL, kind int4 NOT NULL, at timestamptz NOT NULL);
    INSERT INTO events SELECT g, g % 2000, g % 7, '2026-01-01'::timestamptz - g * interval '1 minute' FROM generate_series(1, ${ROWS}) g;
    CREATE INDEX events_kind_idx ON events (kind);`);
  await engine.exec('VACUUM ANALYZE events');
});
after(async () => engine?.close());

describe('what-if costing with rolled-back builds (PGlite)', () => {
  it('a candidate lowers the cost of the query it serves and is named in its plan; hiding it restores the cost; the cache spares repeated calls', async () => {
    const whatIf = await startRolledBackBuilds(engine, defaultDialect(), schema);
    try {
      const costs = new WhatIfCosts(whatIf);
      const q = query('by_account', 'SELECT * FROM events WHERE account_id = $1 ORDER BY at DESC LIMIT 10');
      const byAccount = index('events_account_at_idx', ['account_id', 'at']);
      const bare = await costs.plan(q, []);
      const served = await costs.plan(q, [byAccount]);
      assert.ok(served.cost < bare.cost / 10, `${served.cost} vs ${bare.cost}`);
      assert.deepEqual(served.indexesUsed, ['events_account_at_idx']);
      assert.deepEqual(bare.indexesUsed, []);
      const again = await costs.plan(q, []);
      assert.equal(again.cost, bare.cost);
      assert.equal(costs.calls, 2, 'the third plan came from the cache');
      // An existing index hidden: a query on kind loses it.
      const byKind = query('by_kind', 'SELECT count(*) FROM events WHERE kind = 3');
      const withKind = await costs.plan(byKind, []);
      const withoutKind = await costs.plan(byKind, [], [schema.tables[0]!.indexes[0]!]);
      assert.deepEqual(withKind.indexesUsed, ['events_kind_idx']);
      assert.deepEqual(withoutKind.indexesUsed, []);
      assert.ok(withoutKind.cost > withKind.cost);
      // Built size against the storage model's.
      const built = (await whatIf.builtBytes('events_account_at_idx'))!;
      const modelled = estimateIndexSizes(defaultDialect().storage, schema, new Map([['events', ROWS]]), [byAccount]).get('events_account_at_idx')!;
      assert.ok(Math.abs(modelled.bytes - built) / built < 0.05, `model ${modelled.bytes} vs built ${built}`);
    } finally {
      await whatIf.close();
    }
    const left = await engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'dbarchitect_whatif_%'`);
    assert.equal(left[0]!.n, 0, 'nothing outlives the rolled-back transaction');
    const valid = await engine.query<{ v: boolean }>(`SELECT indisvalid AS v FROM pg_index WHERE indexrelid = 'events_kind_idx'::regclass`);
    assert.equal(valid[0]!.v, true, 'the hidden index is valid again');
  });

  it('writes: the rows a write changes come from its plan; an update touches only the indexes over the columns it sets', async () => {
    const whatIf = await startRolledBackBuilds(engine, defaultDialect(), schema);
    try {
      const costs = new WhatIfCosts(whatIf);
      const move = query('move', 'UPDATE events SET account_id = $1 WHERE kind = 2 AND account_id = $2');
      const plan = await costs.plan(move, []);
      assert.ok(plan.writtenRows >= 1 && plan.writtenRows < 100, `${plan.writtenRows}`);
      assert.equal(writeTouches(index('a', ['account_id']), move.write!), true);
      assert.equal(writeTouches(index('b', ['at']), move.write!), false);
      const sizes = estimateIndexSizes(defaultDialect().storage, schema, new Map([['events', ROWS]]), [index('a', ['account_id']), index('b', ['id', 'at'])]);
      const constants = await readCostConstants(engine);
      const random = maintenancePerRow(sizes.get('a')!, constants);
      const appended = maintenancePerRow(sizes.get('b')!, constants);
      assert.ok(random > constants.randomPageCost, 'a key that lands anywhere dirties a random page per row');
      assert.ok(appended < random / 2, `${appended} < ${random}`);
    } finally {
      await whatIf.close();
    }
  });
});
