import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPgParser } from '../pg-parser.js';
import { quoteIdent, quoteLiteral } from './quote.js';

before(async () => {
  await loadPgParser();
});

describe('quoteIdent', () => {
  it("quotes the scanner's reserved and type/function-name keywords", () => {
    for (const word of ['order', 'from', 'select', 'user', 'left', 'join', 'is', 'verbose', 'authorization']) {
      assert.equal(quoteIdent(word), `"${word}"`, word);
    }
  });

  it('leaves unreserved and column-name keywords, and plain names, bare', () => {
    for (const word of ['at', 'by', 'name', 'between', 'values', 'int', 'coalesce', 'placed_at', 'a$b']) {
      assert.equal(quoteIdent(word), word, word);
    }
  });

  it('quotes names that are not simple lower-case identifiers, doubling inner quotes', () => {
    assert.equal(quoteIdent('Order'), '"Order"');
    assert.equal(quoteIdent('two words'), '"two words"');
    assert.equal(quoteIdent('9lives'), '"9lives"');
    assert.equal(quoteIdent('say "hi"'), '"say ""hi"""');
  });
});

describe('quoteLiteral', () => {
  it('doubles single quotes', () => {
    assert.equal(quoteLiteral("it's"), "'it''s'");
  });
});
