import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFieldType } from './field-type.js';

describe('field type shorthand', () => {
  const ok = (text: string) => {
    const r = parseFieldType(text);
    assert.ok(r.ok, text);
    return r.value;
  };
  const fails = (text: string) => {
    const r = parseFieldType(text);
    assert.ok(!r.ok, text);
    return r;
  };

  it('parses types with arguments and the required bang', () => {
    assert.deepEqual(ok('string(120)!'), { type: { kind: 'string', length: 120 }, required: true });
    assert.deepEqual(ok('ref(customer)'), { type: { kind: 'ref', entity: 'customer' }, required: false });
    assert.deepEqual(ok('enum(free, pro, enterprise)!'), { type: { kind: 'enum', values: ['free', 'pro', 'enterprise'] }, required: true });
    assert.deepEqual(ok('decimal(12,2)'), { type: { kind: 'decimal', precision: 12, scale: 2 }, required: false });
    assert.deepEqual(ok('many(tag)'), { type: { kind: 'many', entity: 'tag' }, required: false });
    assert.deepEqual(ok('timestamp!'), { type: { kind: 'timestamp' }, required: true });
  });

  it('rejects malformed types with a fix', () => {
    assert.match(fails('string').message, /string needs one length/);
    assert.match(fails('decimal(2,5)').message, /scale no larger/);
    assert.match(fails('enum(a, a)').message, /listed twice/);
    assert.match(fails('enum()').message, /list of plain values/);
    assert.match(fails('int(4)').message, /takes no arguments/);
    assert.equal(fails('strng(10)').fix, 'did you mean `string`?');
    assert.equal(fails('timestmap').fix, 'did you mean `timestamp`?');
  });
});
