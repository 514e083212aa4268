import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadModule } from 'libpg-query';
import { parsePg, pgKeywordKind } from './pg-parser.js';

// One file, one process: the WASM module starts unloaded here, so the order of these tests matters.
describe('pg-parser loading', () => {
  it('says how to load the parser when it is used before loading', () => {
    assert.throws(() => pgKeywordKind('select'), /the PostgreSQL parser is not loaded: await loadPgParser\(\) first/);
    assert.throws(() => parsePg('select 1'), /await loadPgParser\(\) first/);
  });

  it("works once libpg-query's own loadModule has loaded the shared module", async () => {
    await loadModule();
    assert.equal(pgKeywordKind('select'), 'reserved');
    assert.equal(pgKeywordKind('left'), 'type-function-name');
    assert.equal(pgKeywordKind('between'), 'column-name');
    assert.equal(pgKeywordKind('at'), 'unreserved');
    assert.equal(pgKeywordKind('placed_at'), 'none');
    const parsed = parsePg('select 1');
    assert.ok(parsed.ok);
  });
});
