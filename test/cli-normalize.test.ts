import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers.js';
import { serverUrl } from './servers.js';

const ORDERS = 'test/fixtures/existing/orders-denormalized.sql';

describe('dbarchitect normalize', () => {
  it('on a SQL file with rows: finds the planted dependencies and writes the decomposition as spec YAML', async () => {
    const run = await runCli(['normalize', ORDERS, '--sample', '5000']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^## Normalization from the data\n/);
    assert.match(run.stdout, /\| 3NF \| customer_id \| customer_name, customer_email, customer_city, customer_country \|/);
    assert.match(run.stdout, /\| 3NF \| customer_city \| customer_country \|/);
    assert.match(run.stdout, /Evidence: 5,000 sampled rows/);
    assert.match(run.stdout, /\n {2}customer:\n {4}description: "Split from orders/);
    assert.match(run.stderr, /1 table sampled; 4 dependencies break a normal form/);
  });

  it('refuses bad options, an unknown table and a MySQL URL with exit 2, saying what to do', async () => {
    const sample = await runCli(['normalize', ORDERS, '--sample', 'many']);
    assert.equal(sample.status, 2);
    assert.match(sample.stderr, /--sample must be a whole number of rows/);
    const lhs = await runCli(['normalize', ORDERS, '--max-lhs', '9']);
    assert.equal(lhs.status, 2);
    const table = await runCli(['normalize', ORDERS, '--table', 'ordrs']);
    assert.equal(table.status, 2);
    assert.match(table.stderr, /no table named ordrs in the public schema; the tables are: orders/);
    const mysql = await runCli(['normalize', 'mysql://me:pw-9x@127.0.0.1:1/shop']);
    assert.equal(mysql.status, 2);
    assert.match(mysql.stderr, /PostgreSQL databases and SQL files only/);
    assert.ok(!`${mysql.stdout}${mysql.stderr}`.includes('pw-9x'));
  });

  it('a database that cannot be reached exits 3 without the password', async () => {
    const run = await runCli(['normalize', 'postgres://me:n0rm-secret@127.0.0.1:1/shop']);
    assert.equal(run.status, 3);
    assert.match(run.stderr, /cannot connect to postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/shop/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes('n0rm-secret'));
  });

  const server = serverUrl('postgres');
  it('on a live PostgreSQL server: samples read-only, and the URL password never shows', { skip: server.skip }, async () => {
    const run = await runCli(['normalize', server.url!, '--table', 'no_such_table_here']);
    assert.equal(run.status, 2);
    const password = new URL(server.url!).password;
    assert.ok(password && !`${run.stdout}${run.stderr}`.includes(password));
  });
});
