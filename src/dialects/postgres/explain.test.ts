import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePostgresPlan } from './explain.js';

describe('PostgreSQL plan facts', () => {
  it('collects node types, indexes and sequential scans from nested plans', () => {
    const plan = [
      {
        Plan: {
          'Node Type': 'Limit',
          'Total Cost': 42.5,
          Plans: [
            {
              'Node Type': 'Nested Loop',
              Plans: [
                { 'Node Type': 'Index Only Scan', 'Index Name': 'pc_idx', 'Relation Name': 'product_category' },
                { 'Node Type': 'Seq Scan', 'Relation Name': 'product' },
              ],
            },
            { 'Node Type': 'Bitmap Heap Scan', 'Relation Name': 'order', Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'order_idx' }] },
          ],
        },
        'Execution Time': 1.25,
        'Planning Time': 0.5,
      },
    ];
    assert.deepEqual(parsePostgresPlan([{ 'QUERY PLAN': JSON.stringify(plan) }]), {
      nodeTypes: ['Limit', 'Nested Loop', 'Index Only Scan', 'Seq Scan', 'Bitmap Heap Scan', 'Bitmap Index Scan'],
      indexesUsed: ['pc_idx', 'order_idx'],
      seqScans: ['product'],
      totalCost: 42.5,
      executionMs: 1.25,
      planningMs: 0.5,
    });
    assert.deepEqual(parsePostgresPlan([{ 'QUERY PLAN': plan }]).indexesUsed, ['pc_idx', 'order_idx'], 'already-parsed JSON from a driver');
  });
});
