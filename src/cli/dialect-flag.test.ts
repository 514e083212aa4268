import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveDesignDialects } from './dialect-flag.js';

describe('design --dialect', () => {
  it('not given: the analyses run on PostgreSQL and the targets are left to the chosen engine', () => {
    const resolved = resolveDesignDialects(undefined);
    assert.ok(resolved.ok);
    assert.equal(resolved.dialect.name, 'postgres');
    assert.equal(resolved.targets, undefined, 'undefined, not empty: the design then writes the chosen engine schema');
    assert.equal(resolved.printed, 'postgres');
  });

  it('postgres alone: no other target, not even the chosen engine', () => {
    const resolved = resolveDesignDialects('postgres');
    assert.ok(resolved.ok);
    assert.deepEqual(resolved.targets, []);
  });

  it('a list keeps its first analysis dialect, drops repeats and blanks', () => {
    const resolved = resolveDesignDialects(' postgres , postgres,,');
    assert.ok(resolved.ok);
    assert.equal(resolved.dialect.name, 'postgres');
    assert.deepEqual(resolved.targets, []);
  });

  it('an unknown name is refused with a suggestion and the list of names', () => {
    const resolved = resolveDesignDialects('postgress');
    assert.ok(!resolved.ok);
    assert.match(resolved.message, /unknown --dialect `postgress` \(did you mean `postgres`\?\); use .*postgres/);
  });

  it('an empty list is refused', () => {
    const resolved = resolveDesignDialects(' , ');
    assert.ok(!resolved.ok);
    assert.match(resolved.message, /at least one name/);
  });
});
