import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PgliteEngine } from '../../../engines/pglite.js';
import { startPglite } from '../../../engines/pglite.js';
import { postgresApply } from '../apply.js';
import { postgresIntrospector } from './index.js';

describe('introspection leaves out the schema apply keeps its progress in', () => {
  let engine: PgliteEngine;
  before(async () => {
    engine = await startPglite();
    await engine.exec('CREATE TABLE orders (id bigint PRIMARY KEY)');
    for (const sql of postgresApply.setup) await engine.exec(sql);
  });
  after(() => engine.close());

  it('reads the user schemas only, so a diff after an apply does not plan to drop the progress table', async () => {
    const read = await postgresIntrospector.introspect(engine);
    assert.deepEqual(read.namespaces, ['public']);
    assert.deepEqual(
      read.schema.tables.map((t) => t.name),
      ['orders'],
    );
  });

  it('still reads it when it is named', async () => {
    const read = await postgresIntrospector.introspect(engine, { namespaces: ['dbarchitect'] });
    assert.deepEqual(
      read.schema.tables.map((t) => t.name),
      ['apply_progress'],
    );
  });
});
