import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Analysis } from './analysis.js';
import { ANALYSES, checkRegistryOrder, DECISION_AREAS } from './registry.js';

describe('the analysis registry', () => {
  it('makes every part before an analysis reads it, gives each part once, and lists every area', () => {
    assert.deepEqual(checkRegistryOrder(), []);
    assert.equal(new Set(ANALYSES.map((a) => a.name)).size, ANALYSES.length);
  });

  it('catches a part read before it is made, and a part given twice', () => {
    const reader: Analysis = { name: 'early-reader', areas: [], needs: ['capacity'], gives: [], run: () => ({ decisions: [] }) };
    const twice: Analysis = { name: 'second-load', areas: [], needs: [], gives: ['load'], run: () => ({ decisions: [] }) };
    const problems = checkRegistryOrder([reader, ...ANALYSES, twice]);
    assert.ok(problems.includes('early-reader reads `capacity` before any analysis gives it'));
    assert.ok(problems.includes('second-load gives `load`, which an earlier analysis already gave'));
  });

  it('orders decisions by one list of areas, which every analysis area belongs to', () => {
    for (const area of ANALYSES.flatMap((a) => a.areas)) assert.ok(DECISION_AREAS.includes(area), area);
    assert.equal(DECISION_AREAS[0], 'technology');
  });
});
