import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuotedList, quoteMysqlIdentifier, quoteMysqlLiteral } from './quote.js';

describe('MySQL quoting', () => {
  it('backquotes every identifier, doubling backquotes inside', () => {
    assert.equal(quoteMysqlIdentifier('order'), '`order`');
    assert.equal(quoteMysqlIdentifier('odd`name'), '`odd``name`');
  });

  it('writes a string literal with quotes and backslashes doubled', () => {
    assert.equal(quoteMysqlLiteral("it's a \\ path"), "'it''s a \\\\ path'");
  });

  it('reads the values of an enum or set type as COLUMN_TYPE writes them', () => {
    assert.deepEqual(parseQuotedList("enum('basic','gold','it''s platinum')"), ['basic', 'gold', "it's platinum"]);
    assert.deepEqual(parseQuotedList("set('a,b','')"), ['a,b', '']);
  });
});
