import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { bindNamedParams } from './named-params.js';
import { loadPgParser } from './pg-parser.js';

describe('named parameters', () => {
  before(loadPgParser);

  it('numbers parameters by first use, leaving casts, strings and comments alone', () => {
    const bound = bindNamedParams("select a::int from t where a = :tenant and b = ':x' and c = :order and d = :tenant -- :y");
    assert.equal(bound.sql, "select a::int from t where a = $1 and b = ':x' and c = $2 and d = $1 -- :y");
    assert.deepEqual(bound.params, ['tenant', 'order']);
  });

  it('maps offsets back to the original text', () => {
    const text = 'select x from t where a = :tenant and zz = 1';
    const bound = bindNamedParams(text);
    const at = bound.sql.indexOf('zz');
    assert.equal(text.slice(bound.originalOffset(at), bound.originalOffset(at) + 2), 'zz');
  });

  it('the fast path for plain statements agrees with the scanner', () => {
    for (const text of [
      'select id from "order" where tenant_id = :tenant and id = :order',
      'insert into t (a, b) values (:a, :b) ',
      'select * from t where a=:x and b=:x limit :n',
      'select x from "a:b" where c = :c',
    ]) {
      const fast = bindNamedParams(text);
      const scanned = bindNamedParams(`${text} -- comment forces the scanner`);
      assert.equal(`${fast.sql} -- comment forces the scanner`, scanned.sql, text);
      assert.deepEqual(fast.params, scanned.params);
    }
  });

  it('leaves unscannable text for the parser to report', () => {
    assert.equal(bindNamedParams("select 'open").sql, "select 'open");
  });
});
