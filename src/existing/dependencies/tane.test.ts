import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { valueKey } from './partitions.js';
import { tane } from './tane.js';

/** Rows removed so that X → A holds (g3), by grouping: the reference the algorithm is checked against. */
function bruteViolations(columns: readonly (readonly unknown[])[], lhs: readonly number[], rhs: number): number {
  const rows = columns[0]?.length ?? 0;
  const groups = new Map<string, Map<string, number>>();
  for (let r = 0; r < rows; r++) {
    const k = JSON.stringify(lhs.map((c) => valueKey(columns[c]![r])));
    const counts = groups.get(k) ?? new Map<string, number>();
    const v = valueKey(columns[rhs]![r]);
    counts.set(v, (counts.get(v) ?? 0) + 1);
    groups.set(k, counts);
  }
  let removed = 0;
  for (const counts of groups.values()) {
    const values = [...counts.values()];
    removed += values.reduce((a, b) => a + b, 0) - Math.max(...values);
  }
  return removed;
}

function subsets(n: number, max: number): number[][] {
  const out: number[][] = [[]];
  for (let c = 0; c < n; c++) for (const s of [...out]) if (s.length < max) out.push([...s, c]);
  return out.sort((a, b) => a.length - b.length);
}

/** Every minimal X → A with |X| ≤ maxLhs and at most `allowed` violating rows, by trying every set. */
function bruteForce(columns: readonly (readonly unknown[])[], maxLhs: number, allowed: number): string[] {
  const holds = (lhs: readonly number[], rhs: number) => bruteViolations(columns, lhs, rhs) <= allowed;
  const out: string[] = [];
  for (const lhs of subsets(columns.length, maxLhs))
    for (let a = 0; a < columns.length; a++) {
      if (lhs.includes(a) || !holds(lhs, a)) continue;
      const smaller = subsets(columns.length, lhs.length - 1).filter((s) => s.length < lhs.length && s.every((c) => lhs.includes(c)));
      if (!smaller.some((s) => holds(s, a))) out.push(`${lhs.join(',')}->${a}`);
    }
  return out.sort();
}

const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.integer({ min: 0, max: 14 }).chain((height) =>
    fc.array(fc.array(fc.oneof(fc.constantFrom(0, 1, 2), fc.constant(null), fc.constantFrom('a', 'b')), { minLength: height, maxLength: height }), {
      minLength: width,
      maxLength: width,
    }),
  ),
);

describe('TANE', () => {
  it('agrees with a brute-force search on small random tables (exact dependencies)', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 0, max: 3 }), (columns, maxLhs) => {
        const found = tane(columns, { maxLhs })
          .dependencies.map((d) => `${d.lhs.join(',')}->${d.rhs}`)
          .sort();
        assert.deepEqual(found, bruteForce(columns, maxLhs, 0));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with a brute-force search for approximate dependencies, and counts their violations', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 3 }), fc.constantFrom(0.1, 0.2, 0.34), (columns, maxLhs, rate) => {
        const rows = columns[0]!.length;
        const allowed = Math.floor(rate * rows + 1e-9);
        const result = tane(columns, { maxLhs, maxViolationRate: rate });
        assert.deepEqual(result.dependencies.map((d) => `${d.lhs.join(',')}->${d.rhs}`).sort(), bruteForce(columns, maxLhs, allowed));
        for (const d of result.dependencies) assert.equal(d.violations, bruteViolations(columns, d.lhs, d.rhs));
      }),
      { numRuns: 300 },
    );
  });

  it('reports only dependencies that hold on every input row', () => {
    fc.assert(
      fc.property(table, (columns) => {
        for (const d of tane(columns).dependencies) assert.equal(bruteViolations(columns, d.lhs, d.rhs), 0, `${d.lhs} -> ${d.rhs}`);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a planted dependency and its transitive one, minimal, in a fixed table', () => {
    // columns: 0 id, 1 customer, 2 city (by customer), 3 country (by city), 4 amount
    const rows = Array.from({ length: 60 }, (_, i) => [i, i % 12, `city${(i % 12) % 5}`, `country${((i % 12) % 5) % 2}`, (i * 7) % 11]);
    const columns = [0, 1, 2, 3, 4].map((c) => rows.map((r) => r[c]));
    const deps = tane(columns, { maxLhs: 1 }).dependencies.map((d) => `${d.lhs.join(',')}->${d.rhs}`);
    assert.deepEqual(deps, ['0->1', '0->2', '0->3', '0->4', '1->2', '1->3', '2->3']);
  });

  it('stops at the node bound and says at which level', () => {
    const columns = Array.from({ length: 8 }, (_, c) => Array.from({ length: 30 }, (_, r) => (r * (c + 3)) % 4));
    const result = tane(columns, { maxLhs: 3, maxNodes: 10 });
    assert.equal(result.stoppedAtLevel, 2);
  });

  it('stops at the work bound before a level it cannot afford, keeping what the levels below found', () => {
    const columns = [Array.from({ length: 50 }, (_, r) => r % 5), Array.from({ length: 50 }, (_, r) => r % 5), Array.from({ length: 50 }, (_, r) => r % 7)];
    const full = tane(columns, { maxLhs: 2 });
    assert.equal(full.stoppedAtLevel, undefined);
    const bounded = tane(columns, { maxLhs: 2, maxWork: 150 });
    assert.equal(bounded.stoppedAtLevel, 2);
    assert.deepEqual(
      bounded.dependencies.map((d) => `${d.lhs.join(',')}->${d.rhs}`),
      [],
    );
    assert.ok(full.dependencies.some((d) => d.lhs.join() === '0' && d.rhs === 1));
  });
});
