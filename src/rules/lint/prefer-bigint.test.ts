import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, prepareLint } from '../../../test/lint-context.js';
import { preferBigint } from './prefer-bigint.js';

before(prepareLint);

describe('lint/prefer-bigint', () => {
  it('passes: bigint keys and columns', () => {
    assert.deepEqual(
      findingLines(
        preferBigint,
        'CREATE TABLE n (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, u_id bigint REFERENCES u (id), qty bigint, s bigserial);\n',
      ),
      [],
    );
  });

  it('fails: int keys are warnings (primary key, reference, serial, table-level key), other int columns info', () => {
    const sql =
      'CREATE TABLE n (id serial PRIMARY KEY, u integer REFERENCES u (id), qty int, rank smallint, k int4, PRIMARY KEY (k));\nALTER TABLE t ADD COLUMN order_id int;\n';
    assert.deepEqual(findingLines(preferBigint, sql), [
      '1:20 warning: key `n.id` is `serial`: it stops at 2,147,483,647',
      '1:42 warning: key `n.u` is `integer`: it stops at 2,147,483,647',
      '1:73 info: `n.qty` is `int`',
      '1:83 info: `n.rank` is `smallint`',
      '1:95 warning: key `n.k` is `int4`: it stops at 2,147,483,647',
      '2:35 warning: key `t.order_id` is `int`: it stops at 2,147,483,647',
    ]);
  });
});
