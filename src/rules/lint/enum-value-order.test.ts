import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { enumValueOrder } from './enum-value-order.js';

before(prepareLint);

describe('lint/enum-value-order', () => {
  it('passes: values added where the spec declares them, appended in order, and a place given where the spec says nothing', () => {
    assert.deepEqual(
      findingLines(
        enumValueOrder,
        "ALTER TYPE status ADD VALUE 'paid' AFTER 'new';\nALTER TYPE status ADD VALUE 'done';\nALTER TYPE other ADD VALUE 'x' BEFORE 'y';\n",
        {},
        { status: ['new', 'paid', 'shipped', 'done'] },
      ),
      [],
    );
  });

  it('fails: appended before a value the spec declares after it, and BEFORE the wrong neighbour', () => {
    const sql = "ALTER TYPE status ADD VALUE 'paid';\nALTER TYPE app.status ADD VALUE IF NOT EXISTS 'shipped' BEFORE 'new';\n";
    assert.deepEqual(findingLines(enumValueOrder, sql, {}, { status: ['new', 'paid', 'shipped', 'done'] }), [
      "1:1 warning: 'paid' is appended to `status`, but the spec declares it before 'shipped': it will sort after 'shipped'",
      "2:1 warning: 'shipped' is added BEFORE 'new', but the spec declares it AFTER 'paid'",
    ]);
    assert.equal(
      fixed(enumValueOrder, sql, {}, { status: ['new', 'paid', 'shipped', 'done'] }),
      "ALTER TYPE status ADD VALUE 'paid' AFTER 'new';\nALTER TYPE app.status ADD VALUE IF NOT EXISTS 'shipped' AFTER 'paid';\n",
    );
  });

  it('fails: appended with no spec order to check: info', () => {
    const sql = "ALTER TYPE other ADD VALUE 'x';\nALTER TYPE status ADD VALUE 'lost';\n";
    assert.deepEqual(findingLines(enumValueOrder, sql, {}, { status: ['new', 'paid', 'shipped', 'done'] }), [
      "1:1 info: 'x' is appended to `other` (no BEFORE or AFTER): it sorts after every existing value",
      "2:1 info: 'lost' is appended to `status` (no BEFORE or AFTER): it sorts after every existing value, and the spec does not declare it",
    ]);
  });
});
