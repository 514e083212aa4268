import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPgParser } from '../../sql/pg-parser.js';
import { quotePgIdentifier, quotePgLiteral } from './quote.js';

describe('PostgreSQL quoting', () => {
  before(loadPgParser);

  it('quotes reserved words and odd names only', () => {
    assert.deepEqual(['order', 'user', 'group', 'from', 'to', 'limit', 'select'].map(quotePgIdentifier), [
      '"order"',
      '"user"',
      '"group"',
      '"from"',
      '"to"',
      '"limit"',
      '"select"',
    ]);
    assert.deepEqual(['customer', 'name', 'type', 'day', 'status'].map(quotePgIdentifier), ['customer', 'name', 'type', 'day', 'status']);
    assert.equal(quotePgIdentifier('Mixed'), '"Mixed"');
    assert.equal(quotePgIdentifier('a"b'), '"a""b"');
    assert.equal(quotePgIdentifier('time'), '"time"', 'column-name keywords are quoted, as quote_ident does');
  });

  it('doubles quotes in literals', () => {
    assert.equal(quotePgLiteral("O'Brien"), "'O''Brien'");
  });
});
