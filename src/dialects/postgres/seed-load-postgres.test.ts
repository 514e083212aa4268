import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresServer } from '../../../test/engines.js';
import { referenceDesign } from '../../../test/helpers.js';
import { serverUrl } from '../../../test/servers.js';
import { quotePgIdentifier as q } from './quote.js';
import type { Schema } from '../../model/schema.js';
import type { Engine } from '../../engines/engine.js';
import { startPglite } from '../../engines/pglite.js';
import type { SeedLoadMethod } from '../../seed/load.js';
import { seedPostgres } from './seed-load.js';

const server = serverUrl('postgres');

/** Seeds the reference spec into a scratch schema and returns a fingerprint per table; drops the schema. */
async function seededFingerprints(engine: Engine, schema: Schema, ddl: string, name: string, load: SeedLoadMethod): Promise<string[]> {
  // UTC: the fingerprint is the rows as text, and timestamptz prints in the session's time zone.
  await engine.exec(`DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}; SET search_path TO ${name}; SET TimeZone = 'UTC';`);
  try {
    await engine.exec(ddl);
    await seedPostgres(engine, schema, { largestRows: 5_000, seed: 5, anchor: '2026-01-01T00:00:00Z', load });
    const prints: string[] = [];
    for (const table of schema.tables) {
      const order = table.primaryKey.columns.map((c) => `x.${q(c)}`).join(', ');
      const rows = await engine.query<{ md5: string }>(`SELECT md5(string_agg(x::text, ',' ORDER BY ${order})) AS md5 FROM ${q(table.name)} x`);
      prints.push(`${table.name} ${rows[0]!.md5}`);
    }
    return prints;
  } finally {
    await engine.exec(`SET search_path TO public; DROP SCHEMA IF EXISTS ${name} CASCADE;`);
  }
}

describe('seeding on a PostgreSQL server', () => {
  it('the same seed gives the same rows as on PGlite, with either load method', { skip: server.skip }, async () => {
    const design = await referenceDesign();
    const ddl = design.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
    const lite = await startPglite();
    let expected: string[];
    try {
      expected = await seededFingerprints(lite, design.design.schema, ddl, 'seed_reference', 'bulk');
    } finally {
      await lite.close();
    }
    const engine = await postgresServer().start();
    // Close the connection whatever happens: an open one would keep the test process alive.
    try {
      const suffix = `${process.pid}_${Date.now()}`;
      for (const load of ['bulk', 'per-row'] as const) {
        assert.deepEqual(
          await seededFingerprints(engine, design.design.schema, ddl, `dbarchitect_seed_${load.replace('-', '_')}_${suffix}`, load),
          expected,
          load,
        );
      }
    } finally {
      await engine.close();
    }
  });
});
