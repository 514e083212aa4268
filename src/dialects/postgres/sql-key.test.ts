import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPgParser } from '../../sql/pg-parser.js';
import { pgExpressionKey, pgSqlKey } from './sql-key.js';

before(loadPgParser);

describe('pgExpressionKey: a spelling and the catalog reprint of it agree, different meanings do not', () => {
  const same: [string, string][] = [
    ["status IN ('paid', 'shipped')", "(status = ANY (ARRAY['paid'::order_status, 'shipped'::order_status]))"],
    ["status NOT IN ('a')", "(status <> ALL (ARRAY['a'::text]))"],
    ["email ~* '^x$'", "((email)::text ~* '^x$'::text)"],
    ["now() - interval '30 days'", "(now() - '30 days'::interval)"],
    ['quantity >= 1', '(quantity >= 1)'],
    ['pg_catalog.lower(name)', 'lower(name)'],
  ];
  for (const [a, b] of same) it(`${a}  ==  ${b}`, () => assert.equal(pgExpressionKey(a), pgExpressionKey(b)));
  const different: [string, string][] = [
    ['quantity >= 1', 'quantity >= 2'],
    ['quantity >= 1', 'quantity > 1'],
    ['x::int > 5', 'x > 5'],
    ["status IN ('a')", "status NOT IN ('a')"],
    ['a AND b', 'a OR b'],
  ];
  for (const [a, b] of different) it(`${a}  !=  ${b}`, () => assert.notEqual(pgExpressionKey(a), pgExpressionKey(b)));
  it('text the parser cannot read is compared with its white space collapsed', () => {
    assert.equal(pgExpressionKey('((( broken'), pgExpressionKey('(((   broken'));
  });
});

describe('pgSqlKey: statements', () => {
  it('a one-table view as PostgreSQL 15 prints it (columns qualified) equals the view as written', () => {
    assert.equal(
      pgSqlKey('CREATE MATERIALIZED VIEW mv AS SELECT tenant_id, sum(total) AS s FROM "order" GROUP BY tenant_id;'),
      pgSqlKey('CREATE MATERIALIZED VIEW public.mv AS\nSELECT "order".tenant_id,\n    sum("order".total) AS s\n   FROM "order"\n  GROUP BY "order".tenant_id;'),
    );
  });
  it('a function reprinted by pg_get_functiondef equals its CREATE; another body does not', () => {
    const written = 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN NULL;\nEND\n$fn$;';
    const reprint = 'CREATE OR REPLACE FUNCTION public.f()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n  RETURN NULL;\nEND\n$function$\n';
    assert.equal(pgSqlKey(written), pgSqlKey(reprint));
    assert.notEqual(pgSqlKey(written), pgSqlKey(written.replace('RETURN NULL', 'RETURN NEW')));
  });
  it('a table in another schema than public stays qualified', () => {
    assert.notEqual(pgSqlKey('CREATE TABLE billing.p PARTITION OF billing.t DEFAULT;'), pgSqlKey('CREATE TABLE p PARTITION OF t DEFAULT;'));
    assert.equal(pgSqlKey('CREATE TABLE public.p PARTITION OF public.t DEFAULT;'), pgSqlKey('CREATE TABLE p PARTITION OF t DEFAULT;'));
  });
});
