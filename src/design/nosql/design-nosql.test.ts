import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nosqlTargets } from './design-nosql.js';

describe('which NoSQL designs a design writes', () => {
  it('the chosen engine family decides when --target is not given', () => {
    assert.deepEqual(nosqlTargets(undefined, 'mongodb').targets, ['mongodb']);
    assert.deepEqual(nosqlTargets(undefined, 'dynamodb').targets, ['dynamodb']);
    assert.deepEqual(nosqlTargets(undefined, 'scylladb').targets, ['cassandra']);
    assert.deepEqual(nosqlTargets(undefined, 'postgresql').targets, []);
    assert.match(nosqlTargets(undefined, 'cassandra').reason, /the chosen engine, .*Cassandra.*, is a wide-column store/);
  });

  it('--target names win, in the one order the design writes them', () => {
    assert.deepEqual(nosqlTargets(['cassandra', 'dynamodb'], 'postgresql'), {
      targets: ['dynamodb', 'cassandra'],
      reason: 'asked for with --target cassandra,dynamodb',
    });
  });
});
