import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadSchemaSide } from '../src/api/diff-sides.js';
import type { DialectDiff } from '../src/dialects/diff.js';
import { defaultDialect, introspectorFor } from '../src/dialects/registry.js';
import { connectPostgres } from '../src/engines/postgres.js';
import { diffHooksFor, diffSchemas } from '../src/existing/diff/index.js';
import type { Schema } from '../src/model/schema.js';
import { freshDatabase, sharedEngine } from './engines.js';
import { serverUrl } from './servers.js';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const specs = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

const engine = sharedEngine();
const server = serverUrl('postgres');
let hooks: DialectDiff;
let folder: string;
before(async () => {
  hooks = await diffHooksFor('postgres');
  folder = mkdtempSync(join(tmpdir(), 'dbarchitect-diff-'));
});
after(() => rmSync(folder, { recursive: true, force: true }));

/** Both directions, so a part only one side keeps cannot hide. */
function assertSame(a: Schema, b: Schema, what: string): void {
  for (const [x, y, direction] of [[a, b, 'forward'] as const, [b, a, 'backward'] as const]) {
    const diff = diffSchemas(x, y, { hooks });
    assert.deepEqual(diff.changes, [], `${what} (${direction}): ${JSON.stringify(diff.changes, null, 1).slice(0, 3000)}`);
    assert.deepEqual(diff.renameCandidates, [], `${what} (${direction})`);
  }
}

async function designed(file: string) {
  const side = await loadSchemaSide(join(EXAMPLES, file));
  assert.ok(side.ok, side.ok ? '' : side.message);
  return { schema: side.schema, ddl: defaultDialect().emitDdl(side.schema) };
}

/** The DDL run on the shared PGlite's public schema (emptied first) and read back from its catalog. */
async function loadedIntoPglite(ddl: string): Promise<Schema> {
  await engine.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await engine.exec(ddl);
  return (await introspectorFor('postgres')!.introspect(engine, {})).schema;
}

/**
 * The differ's first property: one design, three ways of holding it (the designed model, its DDL
 * run on a database and read from the catalog, the same DDL read from a SQL file), no change
 * between any two. Partitions named from dates (the design's DO block makes them around "now") are
 * not compared; the partition key and the default partition are.
 */
describe('diff round trip: a design, its DDL in a database and its DDL in a file diff empty', () => {
  it('finds the examples', () => assert.ok(specs.length >= 7, specs.join(', ')));
  for (const file of specs) {
    it(`${file}: designed = read back from PGlite = read from a SQL file`, async () => {
      const { schema, ddl } = await designed(file);
      const live = await loadedIntoPglite(ddl);
      assertSame(schema, live, `${file}: designed vs PGlite`);
      const sqlFile = join(folder, file.replace(/\.yaml$/, '.sql'));
      writeFileSync(sqlFile, ddl);
      const read = await loadSchemaSide(sqlFile);
      assert.ok(read.ok, read.ok ? '' : read.message);
      assert.equal(read.side.kind, 'sql-file');
      assertSame(schema, read.schema, `${file}: designed vs SQL file`);
      assertSame(live, read.schema, `${file}: PGlite vs SQL file`);
    });
  }

  it('saas-shop.yaml: a change made in the database after the DDL is the one change found', async () => {
    const { schema, ddl } = await designed('saas-shop.yaml');
    await loadedIntoPglite(ddl);
    await engine.exec('ALTER TABLE customer ADD COLUMN nickname text; DROP INDEX order_created_at_idx;');
    const live = (await introspectorFor('postgres')!.introspect(engine, {})).schema;
    const diff = diffSchemas(schema, live, { hooks });
    assert.deepEqual(
      diff.changes.map((c) =>
        c.kind === 'add-column' ? `add-column ${c.table}.${c.column.name}` : c.kind === 'drop-index' ? `drop-index ${c.index.table}.${c.index.name}` : c.kind,
      ),
      ['add-column customer.nickname', 'drop-index order.order_created_at_idx'],
    );
  });
});

describe('diff round trip on PostgreSQL 15: a design and the live database its DDL made diff empty', { skip: server.skip }, () => {
  it('saas-shop.yaml: designed = read from the live server by URL = read from a SQL file', async (t) => {
    const { schema, ddl } = await designed('saas-shop.yaml');
    const url = await freshDatabase(t, server.url!);
    const db = await connectPostgres(url);
    try {
      await db.exec(ddl);
    } finally {
      await db.close();
    }
    const live = await loadSchemaSide(url);
    assert.ok(live.ok, live.ok ? '' : live.message);
    assert.equal(live.side.kind, 'live');
    assertSame(schema, live.schema, 'designed vs PostgreSQL 15');
    const sqlFile = join(folder, 'saas-shop-pg15.sql');
    writeFileSync(sqlFile, ddl);
    const read = await loadSchemaSide(sqlFile);
    assert.ok(read.ok, read.ok ? '' : read.message);
    assertSame(live.schema, read.schema, 'PostgreSQL 15 vs SQL file (PGlite)');
  });
});
