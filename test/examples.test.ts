import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/index.js';
import { freshSchema, sharedEngine } from './engines.js';
import { ROOT } from './helpers.js';

/**
 * Every spec a newcomer finds in examples/ must load and design without an error, its DDL running
 * on PGlite. Verification (seeding, EXPLAIN) is left to the verify tests: this file stays fast.
 */
const EXAMPLES = join(ROOT, 'examples');

/** Specs that cannot design today because of a tool bug, with the bug; remove an entry once it is fixed. */
const KNOWN_BROKEN: Readonly<Record<string, string>> = {};

const specs = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const engine = sharedEngine();

describe('examples/*.yaml', () => {
  it('finds the examples, including the reference spec', () => {
    assert.ok(specs.includes('saas-shop.yaml'), `examples/ holds ${specs.join(', ')}`);
    assert.ok(specs.length >= 7, `examples/ holds ${specs.join(', ')}`);
  });

  for (const file of specs.filter((f) => !(f in KNOWN_BROKEN))) {
    it(`${file} designs without error diagnostics, its DDL executed on PGlite`, async (t) => {
      // Each spec in a schema of its own, so table and type names of two examples never meet.
      await freshSchema(t, engine, 'example');
      const result = await designFromFile(join(EXAMPLES, file), { engine });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], `${file}: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
      assert.ok(result.ok);
      const entities = result.design.spec.entities.map((e) => e.name);
      const tables = result.design.schema.tables.map((t) => t.name);
      assert.deepEqual(
        entities.filter((e) => !tables.includes(e)),
        [],
        'every entity is a table',
      );
      assert.match(result.design.ddl[0]!.executedOn ?? '', /PGlite/, 'the schema ran on the engine');
      assert.match(result.design.ddl[1]!.executedOn ?? '', /PGlite/, 'the security script ran on the engine');
    });
  }

  for (const [file, code] of Object.entries(KNOWN_BROKEN)) {
    it(`${file} still fails with ${code} (a known tool bug; move it to the designed list once fixed)`, async () => {
      const result = await designFromFile(join(EXAMPLES, file));
      assert.equal(result.ok, false);
      assert.ok(
        result.diagnostics.some((d) => d.code === code),
        result.diagnostics.map((d) => d.code).join(', '),
      );
    });
  }
});
