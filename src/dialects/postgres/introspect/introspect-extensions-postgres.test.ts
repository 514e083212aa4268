import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshDatabase } from '../../../../test/engines.js';
import { serverUrl } from '../../../../test/servers.js';
import { connectPostgres } from '../../../engines/postgres.js';
import { findTable } from '../../../model/schema.js';
import { postgresIntrospector } from './index.js';

const server = serverUrl('postgres');

// Extensions need a server (PGlite loads its own only when started with them): pg_trgm and citext are trusted, so the test role may create them.
describe('PostgreSQL introspection of extensions on a server', { skip: server.skip }, () => {
  it('lists an extension once (not its functions), keeps its types native, and its SQL creates it again', async (t) => {
    const url = await freshDatabase(t, server.url!);
    const db = await connectPostgres(url);
    try {
      await db.exec(`CREATE EXTENSION pg_trgm; CREATE EXTENSION citext;
        CREATE TABLE docs (id int PRIMARY KEY, author citext NOT NULL, body text NOT NULL);
        CREATE INDEX docs_body_trgm ON docs USING gin (body gin_trgm_ops);`);
      const { schema } = await postgresIntrospector.introspect(db, { namespaces: ['public'] });
      const native = schema.native ?? [];
      assert.deepEqual(
        native.filter((n) => n.kind === 'extension').map((n) => n.name),
        ['citext', 'pg_trgm'],
      );
      assert.deepEqual(
        native.filter((n) => n.kind === 'function'),
        [],
        "the extensions' functions belong to them",
      );
      const docs = findTable(schema, 'docs')!;
      assert.deepEqual(docs.columns.find((c) => c.name === 'author')!.type, { kind: 'native', dialect: 'postgres', sql: 'citext' });
      assert.deepEqual(docs.indexes[0]?.keys, [{ column: 'body', opclass: 'gin_trgm_ops' }]);
      assert.equal(docs.indexes[0]?.method, 'gin');

      const again = await connectPostgres(await freshDatabase(t, server.url!));
      try {
        for (const n of native.filter((x) => x.kind === 'extension')) await again.exec(n.sql);
        const rows = await again.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname IN ('citext', 'pg_trgm') ORDER BY 1`);
        assert.deepEqual(
          rows.map((r) => r.extname),
          ['citext', 'pg_trgm'],
        );
      } finally {
        await again.close();
      }
    } finally {
      await db.close();
    }
  });
});
