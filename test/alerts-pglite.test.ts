import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { freshSchema, sharedEngine } from './engines.js';
import { REFERENCE_SPEC } from './helpers.js';

const engine = sharedEngine();

/** The monitoring queries the design hands to an operator are SQL the tool emits: each runs on an engine. */
describe('alert queries', () => {
  it('every alert query of the reference design runs on PostgreSQL (PGlite)', async (t) => {
    await freshSchema(t, engine, 'alerts');
    const result = await designFromFile(REFERENCE_SPEC, { engine });
    assert.ok(result.ok);
    const queries = result.design.availability.alerts.filter((a) => a.query);
    assert.ok(queries.length >= 6, `${queries.length} alert queries`);
    for (const alert of queries) await assert.doesNotReject(engine.query(alert.query!), `${alert.name}: ${alert.query}`);
  });
});
