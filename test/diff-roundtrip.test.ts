import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromFile } from '../src/api/design.js';
import { introspectorFor } from '../src/dialects/registry.js';
import { startPglite } from '../src/engines/pglite.js';
import { diffSchemas } from '../src/existing/diff/index.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const SHARED = '/work/shared/specs/';
const files = [
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(EXAMPLES, f)),
  ...(() => {
    try {
      return readdirSync(SHARED)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(SHARED, f));
    } catch {
      return [];
    }
  })(),
].sort();

/**
 * The differ's first property: a design and the same design's DDL run on a database and read back
 * are the same schema, so a diff between them is empty (no spurious change from spelling: defaults,
 * casts, constraint forms, row security left unsaid).
 */
describe('a design diffs empty against its own DDL read back from PGlite', () => {
  it('finds the specs', () => assert.ok(files.length >= 7, files.join(', ')));
  for (const file of files) {
    it(file.replace(/.*\//, ''), async () => {
      const designed = await designFromFile(file);
      assert.ok(designed.ok, `${file} designs`);
      const engine = await startPglite();
      try {
        await engine.exec(designed.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content);
        const read = await introspectorFor('postgres')!.introspect(engine, { namespaces: ['public'] });
        const forward = diffSchemas(designed.design.schema, read.schema);
        assert.deepEqual(forward.changes, [], 'design → database');
        assert.deepEqual(diffSchemas(read.schema, designed.design.schema).changes, [], 'database → design');
      } finally {
        await engine.close();
      }
    });
  }
});
