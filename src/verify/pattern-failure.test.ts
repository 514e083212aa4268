import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patternFailure } from './pattern-failure.js';

const engineError = (code: string, message: string, detail?: string) => Object.assign(new Error(message), { code, ...(detail ? { detail } : {}) });

describe('patternFailure', () => {
  it("a statement's own error is its finding: message, detail, SQLSTATE and a hint by class", () => {
    const finding = patternFailure(
      'add_follow',
      engineError('23505', 'duplicate key value violates unique constraint "follow_pkey"', 'Key (follower_id, followee_id)=(1, 1) already exists.'),
      "with the design's indexes",
    )!;
    assert.equal(finding.code, 'verify/pattern-failed');
    assert.equal(finding.severity, 'error');
    assert.equal(
      finding.message,
      'add_follow failed on the engine with the design\'s indexes: duplicate key value violates unique constraint "follow_pkey" (Key (follower_id, followee_id)=(1, 1) already exists.) [SQLSTATE 23505]; it was not measured',
    );
    assert.match(finding.fix!, /key that already exists/);
    assert.match(patternFailure('p', engineError('22003', 'integer out of range'), 'x')!.fix!, /out of range/);
    assert.match(patternFailure('p', engineError('57014', 'canceling statement due to statement timeout'), 'x')!.fix!, /statement_timeout/);
    assert.match(patternFailure('p', engineError('P0001', 'raised'), 'x')!.fix!, /run the statement by hand/);
  });

  it("errors of the engine as a whole, or without a SQLSTATE, are not a pattern's: verification stops", () => {
    assert.equal(patternFailure('p', engineError('08006', 'connection failure'), 'x'), undefined);
    assert.equal(patternFailure('p', engineError('53200', 'out of memory'), 'x'), undefined);
    assert.equal(patternFailure('p', engineError('57P01', 'terminating connection due to administrator command'), 'x'), undefined);
    assert.equal(patternFailure('p', engineError('XX000', 'internal error'), 'x'), undefined);
    assert.equal(patternFailure('p', new TypeError('cannot read properties of undefined'), 'x'), undefined);
    assert.equal(patternFailure('p', Object.assign(new Error('socket'), { code: 'ECONNRESET' }), 'x'), undefined);
  });
});
