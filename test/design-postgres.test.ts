import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { connectPostgres } from '../src/engines/postgres.js';
import { redactUrl } from '../src/engines/redact.js';
import { REFERENCE_SPEC } from './helpers.js';
import { postgresServer } from './engines.js';
import { serverUrl } from './servers.js';

const server = serverUrl('postgres');

describe('the DDL runs unchanged on a PostgreSQL server', () => {
  it('the reference spec, in a schema of its own that is dropped afterwards', { skip: server.skip }, async () => {
    const engine = await postgresServer().start();
    const schema = `dbarchitect_t_${randomBytes(4).toString('hex')}`;
    try {
      const version = await engine.version();
      assert.match(version, /^PostgreSQL (1[5-9]|[2-9]\d)\./);
      await engine.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
      const result = await designFromFile(REFERENCE_SPEC, { engine });
      assert.ok(result.ok);
      assert.deepEqual(
        result.diagnostics.map((d) => d.code),
        ['design/fold-over-expiring-events'],
        'only the snapshot warning',
      );
      assert.equal(result.design.ddl[0]!.executedOn, version);
      const tables = await engine.query<{ n: number }>(
        `select count(*)::int as n from pg_class where relnamespace = $1::regnamespace and relkind in ('r', 'p') and not relispartition`,
        [schema],
      );
      assert.equal(tables[0]!.n, result.design.schema.tables.length);
    } finally {
      await engine.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      const left = await engine.query(`select 1 from pg_namespace where nspname = $1`, [schema]);
      assert.equal(left.length, 0, 'nothing left behind');
      await engine.close();
    }
  });

  it('connection errors never show the password', { skip: server.skip }, async () => {
    const url = new URL(server.url!);
    url.password = 'sEcReT-pw-123';
    await assert.rejects(connectPostgres(url.toString()), (error: Error) => {
      assert.doesNotMatch(error.message, /sEcReT-pw-123/);
      assert.match(error.message, new RegExp(redactUrl(url.toString()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      return true;
    });
  });
});
