import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { connectPostgres } from '../engines/postgres.js';
import { freshDatabase } from '../../test/engines.js';
import { serverUrl } from '../../test/servers.js';
import { loadSchemaSide } from './diff-sides.js';

const folder = mkdtempSync(join(tmpdir(), 'dbarchitect-sides-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const server = serverUrl('postgres');

const SPEC = `version: 1
name: shop
entities:
  customer:
    fields:
      email: email!
  order:
    fields:
      customer: ref(customer)!
      total: money!
`;

describe('loadSchemaSide', () => {
  it('a spec is designed in-process: its designed schema, side kind spec, the default dialect, no statistics', async () => {
    const file = join(folder, 'shop.yaml');
    writeFileSync(file, SPEC);
    const side = await loadSchemaSide(file);
    assert.ok(side.ok, side.ok ? '' : side.message);
    assert.deepEqual(side.side, { kind: 'spec', location: file });
    assert.equal(side.dialect, 'postgres');
    assert.deepEqual(side.schema.tables.map((t) => t.name).sort(), ['customer', 'order']);
    assert.equal(side.statsByTable, undefined);
  });

  it('a bad spec is an input failure naming the file, line and column, with every error listed', async () => {
    const file = join(folder, 'bad.yml');
    writeFileSync(file, SPEC.replace('      total: money!', '      total: mony!'));
    const side = await loadSchemaSide(file);
    assert.ok(!side.ok);
    assert.equal(side.failure, 'input');
    assert.match(side.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:\\d+: `));
    assert.ok(side.diagnostics && side.diagnostics.length >= 1);
    assert.equal(side.diagnostic?.location?.line, 10);
  });

  it('a missing spec file is an input failure', async () => {
    const side = await loadSchemaSide(join(folder, 'nowhere.yaml'));
    assert.ok(!side.ok);
    assert.equal(side.failure, 'input');
    assert.match(side.message, /nowhere\.yaml/);
  });

  it('a SQL file is read through embedded PostgreSQL: side kind sql-file, no statistics (its tables were just made)', async () => {
    const file = join(folder, 'schema.sql');
    writeFileSync(file, 'CREATE TABLE item (id bigint PRIMARY KEY, name text NOT NULL);\n');
    const side = await loadSchemaSide(file);
    assert.ok(side.ok, side.ok ? '' : side.message);
    assert.deepEqual(side.side, { kind: 'sql-file', location: file });
    assert.equal(side.dialect, 'postgres');
    assert.deepEqual(
      side.schema.tables[0]!.columns.map((c) => [c.name, c.nullable]),
      [
        ['id', false],
        ['name', false],
      ],
    );
    assert.equal(side.statsByTable, undefined);
  });

  it('an unreachable URL is an engine failure whose message has no password', async () => {
    const url = new URL('postgres://someone@127.0.0.1:1/db');
    url.password = 's3cret-pass'; // set apart from the URL text: no password is written into source
    const side = await loadSchemaSide(url.href, { connectTimeoutMs: 2_000 });
    assert.ok(!side.ok);
    assert.equal(side.failure, 'engine');
    assert.doesNotMatch(side.message, /s3cret-pass/);
  });

  it('a URL of no known scheme is an input failure', async () => {
    const side = await loadSchemaSide('oracle://me:pw@host/db');
    assert.ok(!side.ok);
    assert.equal(side.failure, 'input');
    assert.doesNotMatch(side.message, /:pw@/);
  });

  it('a live PostgreSQL database by URL: side kind live, the location without its password, statistics by table', { skip: server.skip }, async (t) => {
    const url = await freshDatabase(t, server.url!);
    const db = await connectPostgres(url);
    try {
      await db.exec('CREATE TABLE item (id bigint PRIMARY KEY); CREATE SCHEMA billing; CREATE TABLE billing.invoice (id bigint PRIMARY KEY); ANALYZE;');
    } finally {
      await db.close();
    }
    const side = await loadSchemaSide(url);
    assert.ok(side.ok, side.ok ? '' : side.message);
    assert.equal(side.side.kind, 'live');
    const password = new URL(url).password;
    if (password) assert.ok(!side.side.location.includes(password), side.side.location);
    assert.deepEqual([...(side.statsByTable?.keys() ?? [])].sort(), ['billing.invoice', 'item']);
  });
});
