import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuotedList, quoteMysqlIdentifier } from './quote.js';

describe('MySQL quoting', () => {
  it('backquotes every identifier, doubling backquotes inside', () => {
    assert.equal(quoteMysqlIdentifier('order'), '`order`');
    assert.equal(quoteMysqlIdentifier('odd`name'), '`odd``name`');
  });

  it('reads the values of an enum or set type as COLUMN_TYPE writes them', () => {
    assert.deepEqual(parseQuotedList("enum('basic','gold','it''s platinum')"), ['basic', 'gold', "it's platinum"]);
    assert.deepEqual(parseQuotedList("set('a,b','')"), ['a,b', '']);
  });
});
