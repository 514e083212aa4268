import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translateCheck } from './translate-check.js';

const quote = (name: string) => `"${name}"`;

describe('translateCheck: MySQL CHECK clauses PostgreSQL reads alike', () => {
  it('carries comparisons, arithmetic, AND/OR/NOT, IS NULL, IN and BETWEEN with the names re-quoted', () => {
    assert.equal(translateCheck('`loyalty_points` >= 0', quote), '"loyalty_points" >= 0');
    assert.equal(
      translateCheck("`a` in ('x','it''s') and (`b` is not null or `c` between 1 and 2.5)", quote),
      `"a" IN ('x','it''s') AND ("b" IS NOT NULL OR "c" BETWEEN 1 AND 2.5)`,
    );
  });

  it('refuses functions, backslash escapes and MySQL operators', () => {
    assert.equal(translateCheck('char_length(`name`) > 0', quote), undefined);
    assert.equal(translateCheck("`a` <> 'x\\'y'", quote), undefined);
    assert.equal(translateCheck('`a` <=> `b`', quote), undefined);
    assert.equal(translateCheck('`a` regexp "x"', quote), undefined);
  });
});
