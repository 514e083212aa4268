import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromFile } from '../../api/design.js';
import type { Design } from '../../model/design.js';
import { capacitySchema } from '../../model/parts/capacity.js';
import { planCapacity } from './plan-capacity.js';
import { postgresStorage } from '../../dialects/postgres/storage/index.js';

const REFERENCE_SPEC = fileURLToPath(new URL('../../../examples/saas-shop.yaml', import.meta.url));

describe('planCapacity on the reference spec', () => {
  let design: Design;
  before(async () => {
    const result = await designFromFile(REFERENCE_SPEC);
    assert.ok(result.ok);
    design = result.design;
  });

  it('is deterministic and matches its schema', () => {
    const first = planCapacity(design.spec, design.schema, postgresStorage);
    const second = planCapacity(design.spec, design.schema, postgresStorage);
    assert.equal(JSON.stringify(first), JSON.stringify(second));
    assert.deepEqual(capacitySchema.parse(first.capacity), first.capacity);
  });

  it('projects every month to the horizon, growing, with totals that add up', () => {
    const { capacity } = planCapacity(design.spec, design.schema, postgresStorage);
    assert.equal(capacity.horizon.months, 36);
    assert.deepEqual(
      capacity.months.map((m) => m.month),
      Array.from({ length: 37 }, (_, i) => i),
    );
    for (const m of capacity.months) {
      assert.equal(
        m.totalBytes,
        m.tables.reduce((s, t) => s + t.totalBytes, 0),
      );
      assert.equal(m.totalBytes, m.tableBytes + m.indexBytes);
    }
    for (let i = 2; i < capacity.months.length; i++) assert.ok(capacity.months[i]!.totalBytes > capacity.months[i - 1]!.totalBytes, `month ${i} grows`);
    const last = capacity.months.at(-1)!;
    assert.equal(capacity.atHorizon.totalBytes, last.totalBytes);
    const order = capacity.atHorizon.tables.find((t) => t.table === 'order')!;
    assert.equal(order.rows, 200_000_000 + 36 * 5_000_000, 'below its retention level of 420M');
    assert.ok(order.assumedWidths.includes('shipping_address'));
  });

  it('takes given write rates over growth', () => {
    const growth = planCapacity(design.spec, design.schema, postgresStorage).capacity;
    const given = planCapacity(design.spec, design.schema, postgresStorage, { writeRates: new Map([['order', 60]]) }).capacity;
    const order = (c: typeof growth) => c.atHorizon.tables.find((t) => t.table === 'order')!;
    assert.equal(order(growth).writeRateBasis, 'growth');
    assert.deepEqual([order(given).insertsPerSecond, order(given).writeRateBasis], [60, 'given']);
    assert.ok(given.wal.bytesPerSecond > growth.wal.bytesPerSecond);
    assert.ok(given.iops.pageWritesPerSecond > growth.iops.pageWritesPerSecond);
  });

  it('states its decisions with derived and assumed evidence', () => {
    const { decisions } = planCapacity(design.spec, design.schema, postgresStorage);
    assert.deepEqual(
      decisions.map((d) => d.id),
      ['capacity/storage', 'capacity/write-load', 'capacity/memory'],
    );
    assert.ok(decisions.every((d) => d.area === 'capacity'));
    const storage = decisions[0]!;
    assert.ok(
      storage.evidence.some(
        (e) =>
          e.tier === 'derived' &&
          e.source === 'rule:postgres-page-layout' &&
          e.detail.includes('https://www.postgresql.org/docs/current/storage-page-layout.html'),
      ),
    );
    assert.ok(storage.evidence.some((e) => e.tier === 'assumed' && e.source === 'assumption:typical-varlena-widths'));
  });
});
