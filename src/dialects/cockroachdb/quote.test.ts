import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPgParser } from '../../sql/pg-parser.js';
import { quoteCockroachIdentifier } from './quote.js';

await loadPgParser();

describe('CockroachDB identifiers', () => {
  it("quotes PostgreSQL's keywords and CockroachDB's own reserved words, nothing else", () => {
    assert.equal(quoteCockroachIdentifier('customer'), 'customer');
    assert.equal(quoteCockroachIdentifier('key'), 'key');
    assert.equal(quoteCockroachIdentifier('level'), 'level');
    assert.equal(quoteCockroachIdentifier('order'), '"order"');
    assert.equal(quoteCockroachIdentifier('user'), '"user"');
    assert.equal(quoteCockroachIdentifier('index'), '"index"');
    assert.equal(quoteCockroachIdentifier('family'), '"family"');
    assert.equal(quoteCockroachIdentifier('Mixed'), '"Mixed"');
  });
});
