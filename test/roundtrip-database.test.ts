import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromSpec } from '../src/api/design.js';
import { introspectorFor } from '../src/dialects/registry.js';
import type { Introspection } from '../src/model/introspection.js';
import { loadSpecFile, loadSpecText } from '../src/spec/load-spec.js';
import { schemaDifferences, writeSpec } from '../src/writers/spec/index.js';
import { freshSchema, sharedEngine } from './engines.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const specs = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const engine = sharedEngine();

/**
 * Issue 10's round trip, through a real database: each example is designed, its DDL runs on PGlite,
 * the database is introspected, written back as a spec, and that spec designs again. The model the
 * written spec builds is compared with the design's own schema: the same tables, columns (names,
 * logical types, nullability), keys, uniques and references.
 */
describe('round trip through a database: design -> DDL on PGlite -> introspect -> spec -> design', () => {
  it('finds the examples', () => assert.ok(specs.length >= 7, specs.join(', ')));
  for (const file of specs) {
    it(`${file}: the introspected spec builds the designed schema again, and designs`, async (t) => {
      const loaded = await loadSpecFile(join(EXAMPLES, file));
      assert.ok(loaded.loaded);
      const designed = await designFromSpec(loaded.loaded, loaded.diagnostics);
      assert.ok(designed.ok);
      const ddl = designed.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
      const namespace = await freshSchema(t, engine, 'roundtrip');
      await engine.exec(ddl);

      const read = await introspectorFor('postgres')!.introspect(engine, { namespaces: [namespace] });
      const introspection: Introspection = {
        schema: read.schema,
        statsSince: read.statsSince,
        source: { dialect: 'postgres', kind: 'live', location: `pglite/${namespace}`, serverVersion: read.serverVersion, namespaces: read.namespaces },
      };
      assert.equal(introspection.schema.tables.length, designed.design.schema.tables.length, 'every designed table is read back, partitions as one table');

      const written = writeSpec(introspection, { name: loaded.loaded.spec.name });
      const again = await loadSpecText(`${file} (introspected)`, written.text);
      assert.deepEqual(
        again.diagnostics.filter((d) => d.severity === 'error'),
        [],
        written.text,
      );
      assert.ok(again.loaded);
      const differences = schemaDifferences(designed.design.schema, again.loaded.schema);
      assert.deepEqual([...differences].sort(), [...written.differences].sort(), 'every difference is listed at the top of the written spec');
      // The one thing a shared-schema spec cannot say: the history and snapshot tables the design adds
      // carry tenant_id without a reference to tenant, and every spec entity's tenant_id references it.
      const unsayable = /^table \w+_(history|snapshot): foreign key \(tenant_id\) -> tenant \(id\) on delete restrict not expected$/;
      assert.deepEqual(
        differences.filter((d) => !unsayable.test(d)),
        [],
        written.text,
      );

      const redesigned = await designFromSpec(again.loaded, again.diagnostics);
      assert.ok(redesigned.ok, JSON.stringify(redesigned.diagnostics));
      assert.deepEqual(
        redesigned.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
    });
  }
});
