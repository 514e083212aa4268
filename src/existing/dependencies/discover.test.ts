import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverTableDependencies } from './discover.js';

describe('discoverTableDependencies', () => {
  const columns = ['id', 'customer_id', 'customer_city', 'status', 'currency', 'deleted_at'];
  const rows = Array.from({ length: 40 }, (_, i) => [i + 1, i % 8, `city ${(i % 8) % 3}`, ['new', 'paid'][i % 2], 'EUR', null]);

  it('names the dependencies, keeps constant and NULL columns apart, and marks unique left-hand sides', () => {
    const found = discoverTableDependencies({ table: 'orders', columns, rows, complete: false, tableRows: 1000 }, { maxLhs: 2 });
    assert.deepEqual(found.constantColumns, ['currency']);
    assert.deepEqual(found.nullColumns, ['deleted_at']);
    const text = found.dependencies.map((d) => `${d.lhs.join('+')} -> ${d.rhs}${d.lhsUniqueOnSample ? ' (key)' : ''}`);
    assert.ok(text.includes('customer_id -> customer_city'));
    assert.ok(text.includes('customer_id -> status'), 'i % 8 fixes i % 2');
    assert.ok(text.includes('id -> customer_id (key)'));
    assert.ok(!text.some((t) => t.includes('currency') || t.includes('deleted_at')));
    assert.equal(found.sampleRows, 40);
    assert.equal(found.sampleIsWholeTable, false);
    assert.equal(found.searchedLhs, undefined);
    const bounded = discoverTableDependencies({ table: 'orders', columns, rows, complete: false }, { maxLhs: 2, maxNodes: 1 });
    assert.equal(bounded.searchedLhs, 0);
  });

  it('counts the rows that break an approximate dependency', () => {
    const dirty = rows.map((r, i) => (i === 5 ? [r[0], r[1], 'elsewhere', r[3], r[4], r[5]] : r));
    const exact = discoverTableDependencies({ table: 'orders', columns, rows: dirty, complete: true }, { maxLhs: 1 });
    assert.ok(!exact.dependencies.some((d) => d.lhs.join() === 'customer_id' && d.rhs === 'customer_city'));
    assert.equal(exact.sampleIsWholeTable, true);
    const approximate = discoverTableDependencies({ table: 'orders', columns, rows: dirty, complete: true }, { maxLhs: 1, maxViolationRate: 0.05 });
    const dependency = approximate.dependencies.find((d) => d.lhs.join() === 'customer_id' && d.rhs === 'customer_city');
    assert.equal(dependency?.violations, 1);
  });
});
