import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresServer } from '../../../../test/engines.js';
import { defaultDialect } from '../../../dialects/registry.js';
import { inScratchSchema } from '../../../engines/scratch-schema.js';
import type { Index } from '../../../model/schema.js';
import { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';
import { loadPgParser } from '../../../sql/pg-parser.js';
import { readStatement } from '../workload/read-statement.js';
import type { WorkloadQuery } from '../workload/workload.js';
import { WhatIfCosts } from './cost-cache.js';
import { startHypopg } from './hypopg.js';

const server = postgresServer();
const schema = schemaOf(
  table('events', [column('id', { kind: 'int64' }), column('account_id', { kind: 'int64' }), column('at', { kind: 'timestamp', withTimeZone: true })]),
);
const byAccount: Index = {
  name: 'events_account_at_idx',
  table: 'events',
  keys: [{ column: 'account_id' }, { column: 'at', order: 'desc' }],
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'candidate',
};

describe('what-if costing with hypopg (PostgreSQL server)', { skip: server.skip }, () => {
  it('a hypothetical index lowers the cost, is named in the plan, and is gone after reset; its real build agrees within a few percent', async () => {
    await loadPgParser();
    const engine = await server.start();
    try {
      await inScratchSchema(engine, defaultDialect(), async () => {
        await engine.exec(`CREATE TABLE events (id int8 PRIMARY KEY, account_id int8 NOT NULL, at timestamptz NOT NULL);
          INSERT INTO events SELECT g, g % 2000, '2026-01-01'::timestamptz - g * interval '1 minute' FROM generate_series(1, 100000) g;
          ANALYZE events;`);
        const sql = 'SELECT * FROM events WHERE account_id = $1 ORDER BY at DESC LIMIT 10';
        const reading = readStatement(sql, schema);
        assert.ok(reading.ok);
        const q: WorkloadQuery = { id: 'q', sql, parameters: 1, weight: 1, shape: reading.shape, origin: { kind: 'pattern', pattern: 'q' } };
        const whatIf = await startHypopg(engine, defaultDialect(), schema);
        const costs = new WhatIfCosts(whatIf);
        const bare = await costs.plan(q, []);
        const imagined = await costs.plan(q, [byAccount]);
        await whatIf.configure([]);
        const none = await whatIf.explain(q);
        await whatIf.close();
        assert.ok(imagined.cost < bare.cost / 10, `${imagined.cost} vs ${bare.cost}`);
        assert.deepEqual(imagined.indexesUsed, ['events_account_at_idx']);
        assert.equal(none.cost, bare.cost, 'the hypothetical index is gone');
        await engine.exec('CREATE INDEX events_account_at_idx ON events (account_id, at DESC); ANALYZE events');
        const real = await whatIf.explain(q);
        assert.ok(Math.abs(real.cost - imagined.cost) / real.cost < 0.1, `real ${real.cost} vs hypothetical ${imagined.cost}`);
      });
    } finally {
      await engine.close();
    }
  });
});
