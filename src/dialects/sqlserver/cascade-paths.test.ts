import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CascadeGraph } from './cascade-paths.js';

describe('SQL Server cascade paths', () => {
  it('accepts a tree of cascades and two parents cascading into one child', () => {
    const g = new CascadeGraph();
    assert.deepEqual(g.add('tenant', 'order'), { accepted: true });
    assert.deepEqual(g.add('order', 'order_line'), { accepted: true });
    assert.deepEqual(g.add('product', 'order_line'), { accepted: true });
  });

  it('refuses a second path between two tables, naming the path that exists', () => {
    const g = new CascadeGraph();
    g.add('user', 'group');
    g.add('user', 'order');
    assert.deepEqual(g.add('group', 'order'), { accepted: false, conflict: 'user -> order already cascades' });
    // a longer existing path is found too
    const h = new CascadeGraph();
    h.add('a', 'b');
    h.add('b', 'c');
    assert.deepEqual(h.add('a', 'c'), { accepted: false, conflict: 'a -> b -> c already cascades' });
  });

  it('refuses a cycle and a self reference', () => {
    const g = new CascadeGraph();
    g.add('a', 'b');
    assert.equal(g.add('b', 'a').accepted, false);
    assert.deepEqual(g.add('category', 'category'), { accepted: false, conflict: 'category references itself' });
  });

  it('leaves the graph unchanged after a refusal', () => {
    const g = new CascadeGraph();
    g.add('x', 'y');
    g.add('x', 'z');
    assert.equal(g.add('y', 'z').accepted, false);
    assert.deepEqual(g.add('z', 'w'), { accepted: true });
  });
});
