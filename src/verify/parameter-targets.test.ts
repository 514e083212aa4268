import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workloadOf } from '../api/design.js';
import { loadSpecText } from '../spec/load-spec.js';
import { parameterTargets } from './parameter-targets.js';

const spec = (sql: string) => `version: 1
name: t
entities:
  account:
    fields:
      owner: string(40)!
      balance: money!
  post_like:
    key: [account_id, post]
    fields:
      account: ref(account)!
      post: bigint!
access_patterns:
  - name: p
    sql: ${sql}
    rate: 1/s
`;

async function targetsOf(sql: string) {
  const result = await loadSpecText('spec.yaml', spec(sql));
  assert.ok(result.loaded, JSON.stringify(result.diagnostics));
  const pattern = result.loaded.patterns[0]!;
  const shape = workloadOf(result.loaded)[0]!.shape;
  return parameterTargets(shape, pattern.statement, pattern.params.length, result.loaded.schema);
}

describe('the column each parameter stands for', () => {
  it("`column = ANY($n)` takes an array of that column's values", async () => {
    const targets = await targetsOf('select post from post_like where account_id = :a and post = any(:posts)');
    assert.deepEqual(
      targets.map((t) => [t.column, t.array ?? false]),
      [
        ['account_id', false],
        ['post', true],
      ],
    );
  });

  it('the two ends of a range are told apart, so they can be drawn apart', async () => {
    const targets = await targetsOf('select post from post_like where account_id = :a and post >= :from and post < :to');
    assert.deepEqual(
      targets.map((t) => t.bound),
      [undefined, 'lower', 'upper'],
    );
  });

  it('UPDATE … SET column = $n writes a value of that column', async () => {
    const targets = await targetsOf('update account set owner = :owner, balance = :b where id = :id');
    assert.deepEqual(
      targets.map((t) => [t.table, t.column]),
      [
        ['account', 'owner'],
        ['account', 'balance'],
        ['account', 'id'],
      ],
    );
  });
});
