import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diff } from '../src/api/diff.js';
import { BASE, checkScenario, SCENARIOS } from './plan-scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-plan-'));

describe('every plan reaches its target on a copy of the source, and its reverse comes back (PGlite)', () => {
  for (const [n, s] of SCENARIOS.entries()) {
    it(s.name, async () => {
      const v = await checkScenario(dir, n, s);
      assert.match(v.engine, /PGlite/);
    });
  }

  it('two equal schemas give no change and no step', async () => {
    const a = join(dir, 'same-a.sql');
    writeFileSync(a, BASE);
    const result = await diff(a, a);
    assert.ok(result.ok);
    assert.deepEqual(result.plan.steps, []);
    assert.equal(result.validation, undefined);
  });
});
