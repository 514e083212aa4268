import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oracleName, quoteOracleIdentifier } from './quote.js';

describe('Oracle identifiers', () => {
  it('folds a spec name to upper case and leaves it bare unless Oracle reserves it', () => {
    assert.equal(quoteOracleIdentifier('customer'), 'CUSTOMER');
    assert.equal(quoteOracleIdentifier('order_line_tenant_id_fkey'), 'ORDER_LINE_TENANT_ID_FKEY');
    assert.equal(quoteOracleIdentifier('key'), 'KEY');
    for (const word of ['order', 'user', 'group', 'level', 'comment', 'index', 'rows', 'interval'])
      assert.equal(quoteOracleIdentifier(word), `"${word.toUpperCase()}"`);
  });

  it('quotes a name that is not a plain word, and keeps the case of one with upper-case letters', () => {
    assert.equal(quoteOracleIdentifier('2fa'), '"2FA"');
    assert.equal(quoteOracleIdentifier('my-table'), '"MY-TABLE"');
    assert.equal(quoteOracleIdentifier('MixedCase'), '"MixedCase"');
    assert.equal(quoteOracleIdentifier('say"hi'), '"SAY""HI"');
    assert.equal(oracleName('customer'), 'CUSTOMER');
  });
});
