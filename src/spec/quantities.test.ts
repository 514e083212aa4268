import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDuration, parsePercentage, parseQuantity, parseRate } from './quantities.js';

const value = <T>(r: { ok: boolean; value?: T }) => (r.ok ? r.value : undefined);

describe('quantities, rates, durations', () => {
  it('quantities take k, M and B suffixes and plain numbers', () => {
    assert.equal(value(parseQuantity('5k')), 5000);
    assert.equal(value(parseQuantity('1.2M')), 1_200_000);
    assert.equal(value(parseQuantity('5B')), 5_000_000_000);
    assert.equal(value(parseQuantity(5000)), 5000);
    assert.equal(parseQuantity('5m').ok, false, 'lower-case m is minutes elsewhere, not millions');
    assert.equal(parseQuantity(-1).ok, false);
  });

  it('rates become per-second', () => {
    assert.equal(value(parseRate('400/s'))?.perSecond, 400);
    assert.equal(value(parseRate('1/min'))?.perSecond, 1 / 60);
    assert.equal(value(parseRate('2k/day'))?.perSecond, 2000 / 86400);
    assert.equal(value(parseRate('1.2B/month'))?.perSecond, 1.2e9 / 2_629_746);
    const bad = parseRate('40/sec');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.message, /unknown time unit `sec`/);
  });

  it('durations become seconds', () => {
    assert.equal(value(parseDuration('30ms'))?.seconds, 0.03);
    assert.equal(value(parseDuration('5m'))?.seconds, 300);
    assert.equal(value(parseDuration('7y'))?.seconds, 7 * 31_556_952);
    assert.equal(parseDuration('7 years').ok, false);
  });

  it('percentages are strictly between 0 and 100', () => {
    assert.equal(value(parsePercentage('99.95%')), 99.95);
    assert.equal(parsePercentage('100%').ok, false);
    assert.equal(parsePercentage('99.9').ok, false);
  });
});
