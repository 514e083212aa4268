import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalDecimal, canonicalValue, NULL_MARKER } from './canonical.js';
import { batchJson, toTargetValue } from './convert.js';

describe('the canonical text form, per value kind', () => {
  it("makes the two engines' texts of one value equal", () => {
    const same: [Parameters<typeof canonicalValue>[0], string, string][] = [
      ['integer', '18446744073709551615', '18446744073709551615'],
      ['integer', '-0', '0'],
      ['decimal', '12.5000', '12.5'],
      ['decimal', '-0.00', '0'],
      ['float', '1e+300', '1e300'],
      ['bool', 't', 'true'],
      ['bool', '0', 'false'],
      ['bytes', '\\xDEAD00', 'dead00'],
      ['time', '00:00:01.500', '00:00:01.5'],
      ['duration', '-838:59:59', '-3020399.000000'],
      ['timestamp', '2024-02-29 23:59:59.123450', '2024-02-29T23:59:59.12345'],
      ['timestamptz', '2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000000Z'],
      ['json', '{"b": [1, 2.50], "a": null}', '{"a": null, "b": [1, 2.5]}'],
      ['uuid', '3F333DF6-90A4-4FDA-8DD3-9485D27CEE36', '3f333df6-90a4-4fda-8dd3-9485d27cee36'],
    ];
    for (const [kind, left, right] of same) assert.equal(canonicalValue(kind, left), canonicalValue(kind, right), `${kind}: ${left} = ${right}`);
    assert.equal(canonicalValue('set', ['red', 'blue']), canonicalValue('set', '["blue","red"]'));
    assert.equal(canonicalValue('set', ['red', 'blue']), '["blue","red"]');
  });

  it('keeps different values apart: NULL from the text \\N, tabs and newlines escaped, trailing zeros only after the point', () => {
    assert.equal(canonicalValue('text', null), NULL_MARKER);
    assert.notEqual(canonicalValue('text', '\\N'), NULL_MARKER);
    assert.equal(canonicalValue('text', 'a\tb\nc'), 'a\\tb\\nc');
    assert.equal(canonicalDecimal('100'), '100');
    assert.equal(canonicalDecimal('0010.0100'), '10.01');
    assert.notEqual(canonicalValue('timestamp', '2024-01-01 00:00:00'), canonicalValue('timestamptz', '2024-01-01 00:00:00'));
    assert.throws(() => canonicalValue('bool', 'yes'), /not a boolean: yes/);
  });
});

describe("the source's values as the target takes them", () => {
  const column = (kind: Parameters<typeof canonicalValue>[0], width?: number) => ({ name: 'c', kind, targetType: 'x', ...(width ? { width } : {}) });
  it('turns zero dates into NULL, 0/1 into booleans, bytes into hex, bit bytes into bit strings, sets into lists', () => {
    assert.equal(toTargetValue(column('date'), '0000-00-00'), null);
    assert.equal(toTargetValue(column('timestamp'), '2024-00-10 00:00:00'), null);
    assert.equal(toTargetValue(column('timestamptz'), '2024-02-29 12:00:00'), '2024-02-29T12:00:00Z');
    assert.equal(toTargetValue(column('bool'), 1), 'true');
    assert.throws(() => toTargetValue(column('bool'), 5), /5 is not 0 or 1/);
    assert.equal(toTargetValue(column('bytes'), Buffer.from([0xde, 0xad, 0])), '\\xdead00');
    assert.equal(toTargetValue(column('bits', 10), Buffer.from([0x02, 0xaa])), '1010101010');
    assert.equal(toTargetValue(column('bits', 1), Buffer.from([0])), '0');
    assert.deepEqual(toTargetValue(column('set'), 'red,blue'), ['red', 'blue']);
    assert.deepEqual(toTargetValue(column('set'), ''), []);
    assert.equal(toTargetValue(column('integer'), '9007199254740993'), '9007199254740993');
    assert.throws(() => toTargetValue(column('json'), '{oops'), SyntaxError);
  });

  it('writes a batch as JSON objects, a JSON column carried as the document itself (its digits intact)', () => {
    const columns = [
      { name: 'id', kind: 'integer' as const, targetType: 'integer' },
      { name: 'doc', kind: 'json' as const, targetType: 'jsonb' },
      { name: 'tags', kind: 'set' as const, targetType: 'text[]' },
    ];
    assert.equal(
      batchJson(columns, [
        ['1', '{"n": 2.50}', ['a']],
        ['2', null, []],
      ]),
      '[{"id":"1","doc":{"n": 2.50},"tags":["a"]},{"id":"2","doc":null,"tags":[]}]',
    );
  });
});
