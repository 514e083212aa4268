import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { scaled } from './values.js';
import { sqliteStorage } from './types.js';

describe('SQLite values', () => {
  it('scales decimals on their digits, never through floating point', () => {
    assert.equal(scaled(12.34, 4), '123400');
    assert.equal(scaled(0.01, 2), '1');
    assert.equal(scaled(-1.5, 2), '-150');
    assert.equal(scaled(0, 4), '0');
    assert.equal(scaled(1.005, 2), '101', 'rounded half away from zero, as numeric(p,2) rounds (1.005 is 1.00499… in floating point)');
    assert.equal(scaled(4.35, 2), '435', '4.35 * 100 is 434.99999999999994 in floating point');
  });

  it('keeps each type to its values with its CHECK', () => {
    const db = new Database(':memory:');
    try {
      const accepts = (type: Parameters<typeof sqliteStorage>[0], value: unknown): boolean => {
        const storage = sqliteStorage(type, 'v', [{ name: 'e', values: ['a', "it's"] }]);
        const row = db.prepare(`SELECT coalesce((${storage.check ?? '1'}), 1) AS ok FROM (SELECT ? AS v)`).get(value) as { ok: number };
        return row.ok === 1;
      };
      const tz = { kind: 'timestamp', withTimeZone: true } as const;
      assert.equal(accepts(tz, '2026-03-18T13:45:12.345Z'), true);
      assert.equal(accepts(tz, '2026-03-18 13:45:12'), false, 'another text form would break text order');
      assert.equal(accepts(tz, '2026-03-18T13:45:12.345+02:00'), false, 'instants are stored in UTC');
      assert.equal(accepts({ kind: 'timestamp', withTimeZone: false }, '2026-03-18T13:45:12.345'), true);
      assert.equal(accepts({ kind: 'date' }, '2026-02-28'), true);
      assert.equal(accepts({ kind: 'date' }, '2026-02-30'), false);
      assert.equal(accepts({ kind: 'time' }, '13:45:12.345'), true);
      assert.equal(accepts({ kind: 'time' }, '13:45'), false);
      assert.equal(accepts({ kind: 'uuid' }, '0b7a4c1e-8f2d-4c3b-9a1e-2f3d4c5b6a79'), true);
      assert.equal(accepts({ kind: 'uuid' }, '0B7A4C1E-8F2D-4C3B-9A1E-2F3D4C5B6A79'), false, 'lower case only, as PostgreSQL prints them');
      assert.equal(accepts({ kind: 'uuid' }, '0b7a4c1e-8f2d-4c3b-9a1e-2f3d4c5b6a7'), false);
      assert.equal(accepts({ kind: 'uuid' }, '0b7a4c1e-8f2d-4c3b-9a1e--f3d4c5b6a79'), false);
      assert.equal(accepts({ kind: 'json' }, '{"a": [1, 2]}'), true);
      assert.equal(accepts({ kind: 'json' }, '{a: 1}'), false);
      assert.equal(accepts({ kind: 'string', length: 3 }, 'abc'), true);
      assert.equal(accepts({ kind: 'string', length: 3 }, 'abcd'), false);
      assert.equal(accepts({ kind: 'int16' }, 32_768), false);
      assert.equal(accepts({ kind: 'int32' }, -2_147_483_648), true);
      assert.equal(accepts({ kind: 'bool' }, 2), false);
      assert.equal(accepts({ kind: 'enum', name: 'e' }, "it's"), true);
      assert.equal(accepts({ kind: 'enum', name: 'e' }, 'b'), false);
      assert.equal(accepts({ kind: 'decimal', precision: 5, scale: 2 }, 99_999), true, '999.99 scaled');
      assert.equal(accepts({ kind: 'decimal', precision: 5, scale: 2 }, 100_000), false);
      assert.equal(accepts(tz, null), true, 'NULL passes every CHECK; NOT NULL is its own constraint');
    } finally {
      db.close();
    }
  });
});
