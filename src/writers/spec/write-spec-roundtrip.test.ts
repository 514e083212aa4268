import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromSpec } from '../../api/design.js';
import { loadSpecFile, loadSpecText } from '../../spec/load-spec.js';
import { schemaDifferences } from './schema-differences.js';
import { writeSpec } from './write-spec.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const SHARED = '/work/shared/specs/';
const specFiles = [EXAMPLES, SHARED].flatMap((dir) => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
});

/** Round trip: spec -> model -> spec YAML -> model gives the same tables, columns, keys, uniques and references. */
describe('spec writer round trip', () => {
  it('finds the example specs', () => assert.ok(specFiles.length >= 7, `found ${specFiles.length} specs`));
  for (const file of specFiles) {
    it(`${file.replace(/.*\//, '')}: spec -> model -> spec -> the same model, and it designs`, async () => {
      const first = await loadSpecFile(file);
      assert.ok(first.loaded, `the example loads: ${JSON.stringify(first.diagnostics)}`);
      const written = writeSpec(first.loaded.schema, { name: first.loaded.spec.name });
      assert.deepEqual(written.differences, [], written.text);
      const again = await loadSpecText('written.yaml', written.text);
      const errors = again.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], written.text);
      assert.ok(again.loaded);
      assert.deepEqual(schemaDifferences(first.loaded.schema, again.loaded.schema), []);
      const design = await designFromSpec(again.loaded, again.diagnostics);
      assert.ok(design.ok, JSON.stringify(design.diagnostics));
      assert.deepEqual(
        design.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
    });
  }
});
