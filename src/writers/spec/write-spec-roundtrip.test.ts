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

/** Specs with what the examples do not use: many fields (to another entity, to itself, under tenancy), uuid ids, explicit keys. */
const INLINE: Record<string, string> = {
  'many-relations': `version: 1
name: many-relations
conventions: { ids: int, timestamps: false }
entities:
  person:
    fields:
      name: string(80)!
      follows: many(person)
      groups: many(club)
  club:
    fields:
      title: { type: string(80), required: true, unique: true }
      rank: { type: int, min: 0, max: 10, default: 5 }
`,
  'tenant-many': `version: 1
name: tenant-many
requirements: { tenancy: shared-schema }
conventions: { ids: uuid, timestamps: true }
entities:
  tenant:
    fields:
      name: string(80)!
  document:
    append_only: true
    fields:
      title: string(200)!
      tags: many(tag)
      owner: { type: ref(member), on_delete: set_null }
  tag:
    global: true
    fields:
      label: { type: string(40), required: true, unique: true }
  member:
    key: [tenant_id, handle]
    fields:
      handle: string(40)!
      email: { type: email, pii: true }
`,
};

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
  for (const [name, text] of Object.entries(INLINE)) {
    it(`${name}: spec -> model -> spec -> the same model`, async () => {
      const first = await loadSpecText(`${name}.yaml`, text);
      assert.ok(first.loaded, JSON.stringify(first.diagnostics));
      const written = writeSpec(first.loaded.schema, { name });
      assert.deepEqual(written.differences, [], written.text);
      const again = await loadSpecText('written.yaml', written.text);
      assert.ok(again.loaded, written.text);
      assert.deepEqual(schemaDifferences(first.loaded.schema, again.loaded.schema), []);
      assert.match(written.text, /: many\(/);
      assert.deepEqual(
        again.loaded.schema.tables.filter((t) => t.kind === 'relation').map((t) => t.name),
        first.loaded.schema.tables.filter((t) => t.kind === 'relation').map((t) => t.name),
      );
    });
  }
});
