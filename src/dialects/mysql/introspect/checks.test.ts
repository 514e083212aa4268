import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkColumns, isJsonValidCheck } from './checks.js';

describe('MySQL check constraints', () => {
  it("tells MariaDB's JSON check from other checks", () => {
    assert.ok(isJsonValidCheck('json_valid(`preferences`)', 'preferences'));
    assert.ok(isJsonValidCheck('(json_valid(`preferences`))', 'preferences'));
    assert.ok(!isJsonValidCheck('json_valid(`preferences`) and `x` > 0', 'preferences'));
    assert.ok(!isJsonValidCheck('json_valid(`other`)', 'preferences'));
  });

  it('names the columns a check reads, once each, in first-use order', () => {
    assert.deepEqual(checkColumns('`ends_at` > `starts_at` and `starts_at` is not null', ['starts_at', 'ends_at', 'id']), ['ends_at', 'starts_at']);
    assert.deepEqual(checkColumns("`status` in ('`id`','b')", ['status']), ['status'], 'only the table’s columns');
  });
});
