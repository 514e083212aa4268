import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifySpec } from '../src/api/verify.js';
import { loadSpecFile } from '../src/spec/load-spec.js';
import { freshSchema, sharedEngine } from './engines.js';
import { ROOT } from './helpers.js';

/**
 * Every example verifies: each pattern measured or reported as its own finding, never a failure of
 * the whole run (the CLI's exit 3). Small seeds keep it quick; the reference spec's full-scale
 * verification is in verify-pglite.test.ts.
 */
const EXAMPLES = join(ROOT, 'examples');
const specs = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml') && f !== 'saas-shop.yaml')
  .sort();

const engine = sharedEngine();

describe('verify on every example', () => {
  for (const file of specs)
    it(`${file}: every pattern measured, no pattern failed on the engine`, async (t) => {
      const loaded = await loadSpecFile(join(EXAMPLES, file));
      assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
      await freshSchema(t, engine, 'examples_verify');
      const result = await verifySpec(loaded.loaded, loaded.diagnostics, engine, { largestRows: 5_000, runs: 1, parameterSets: 2 });
      assert.ok(result.ok, JSON.stringify(result.diagnostics));
      assert.deepEqual(result.report.patterns.map((p) => p.name).sort(), loaded.loaded.spec.accessPatterns.map((p) => p.name).sort());
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], errors.map((d) => `${d.code}: ${d.message}`).join('; '));
      // every read's plan reads a table: a range drawn as empty would be pruned to nothing and look fast
      for (const p of result.report.patterns.filter((x) => x.kind === 'select'))
        assert.ok(
          p.nodeTypes.some((n) => /Scan/.test(n)),
          `${p.name} read no table: ${p.nodeTypes.join(', ')}`,
        );
      // after verify, the load of each measured pattern is its measurement
      assert.ok(
        result.design.load.patterns.filter((p) => !p.implied).every((p) => p.source === 'measured'),
        'sizing reads the measured times',
      );
    });
});
