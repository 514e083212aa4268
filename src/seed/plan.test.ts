import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Schema } from '../model/schema.js';
import { loadSpecFile, loadSpecText } from '../spec/load-spec.js';
import { planSeed, type SeedPlan } from './plan.js';

const REFERENCE_SPEC = fileURLToPath(new URL('../../examples/saas-shop.yaml', import.meta.url));

async function schemaOf(yaml: string): Promise<Schema> {
  const result = await loadSpecText('spec.yaml', yaml);
  assert.ok(result.loaded, JSON.stringify(result.diagnostics, null, 2));
  return result.loaded.schema;
}

async function referenceSchema(): Promise<Schema> {
  const result = await loadSpecFile(REFERENCE_SPEC);
  assert.ok(result.loaded);
  return result.loaded.schema;
}

const rowsOf = (plan: SeedPlan) => Object.fromEntries(plan.tables.map((t) => [t.table, t.rows]));
const entry = (plan: SeedPlan, table: string) => plan.tables.find((t) => t.table === table)!;

describe('planSeed', () => {
  it('scales the reference spec so the largest table has about 200k rows, keeping the ratios', async () => {
    const plan = planSeed(await referenceSchema());
    const rows = rowsOf(plan);
    assert.equal(rows.inventory_event, 200_000);
    assert.equal(plan.factor, 200_000 / 900_000_000);
    assert.equal(rows.order_line, 133_333); // 600M : 900M
    assert.equal(rows.order, 44_444);
    assert.equal(rows.payment, 46_667);
    assert.equal(rows.customer, 4_444);
    assert.equal(rows.product, 444);
    assert.equal(rows.category, 22);
    assert.equal(entry(plan, 'order_line').basis, 'spec');
    assert.equal(entry(plan, 'order_line').specRows, 600_000_000);
    assert.match(entry(plan, 'order_line').reason, /^600M × 0\.000222$/);
  });

  it('derives a relation table from its larger side and says so', async () => {
    const plan = planSeed(await referenceSchema());
    const link = entry(plan, 'product_category');
    assert.equal(link.basis, 'derived');
    assert.equal(link.specRows, undefined);
    assert.equal(link.rows, 2 * 444);
    assert.match(link.reason, /2 × product/);
  });

  it('gives the tenant table at least 2 rows and every tenant-scoped table one row per tenant', async () => {
    const plan = planSeed(await referenceSchema(), { largestRows: 20_000 });
    assert.deepEqual(plan.tenants, { table: 'tenant', count: 2 });
    assert.equal(entry(plan, 'tenant').rows, 2);
    assert.match(entry(plan, 'tenant').reason, /at least 2 tenants/);
    assert.equal(entry(plan, 'category').rows, 2); // 100k × 0.0000222 = 2.2
    const full = planSeed(await referenceSchema(), { scale: 0.001 });
    assert.equal(full.tenants?.count, 5);
    for (const t of full.tables) if (t.table !== 'tenant') assert.ok(t.rows >= 5, `${t.table} has a row per tenant`);
  });

  it('--scale multiplies the spec rows directly and overrides largestRows', async () => {
    const plan = planSeed(await referenceSchema(), { scale: 0.0001, largestRows: 10 });
    assert.equal(plan.factor, 0.0001);
    assert.deepEqual([entry(plan, 'order').rows, entry(plan, 'order_line').rows, entry(plan, 'inventory_event').rows], [20_000, 60_000, 90_000]);
  });

  it('never scales a small spec up, and applies minRows', async () => {
    const schema = await schemaOf(`version: 1
name: small
entities:
  author:
    rows: 50
    fields:
      name: string(50)!
  book:
    rows: 300
    fields:
      author: ref(author)!
`);
    assert.deepEqual(rowsOf(planSeed(schema)), { author: 50, book: 300 });
    assert.deepEqual(rowsOf(planSeed(schema, { scale: 0.01, minRows: 2 })), { author: 2, book: 3 });
  });

  it('marks counts it had to assume: derived from parents or growth, or a default', async () => {
    const schema = await schemaOf(`version: 1
name: assumed
entities:
  post:
    fields:
      title: string(100)!
  comment:
    fields:
      post: ref(post)!
  view:
    growth: 1k/month
    fields:
      post: ref(post)!
`);
    const plan = planSeed(schema, { largestRows: 5000 });
    assert.deepEqual(
      plan.tables.map((t) => [t.table, t.rows, t.basis]),
      [
        ['post', 1000, 'default'],
        ['comment', 1000, 'derived'],
        ['view', 5000, 'derived'],
      ],
    );
    assert.equal(entry(plan, 'view').reason, "1k/month for 12 months × 1, capped at 5000: the largest table's rows");
  });

  it('caps a relation at the distinct combinations of its parents within a tenant', async () => {
    const plan = planSeed(await referenceSchema(), { largestRows: 20_000 });
    // 44 products and 2 categories over 2 tenants: 22 × 1 combinations per tenant, one left free.
    assert.equal(entry(plan, 'product_category').rows, 43);
    assert.match(
      entry(plan, 'product_category').reason,
      /capped at 43: every distinct product × category combination within a tenant, less 1 left free for inserts$/,
    );
  });

  it('leaves parents without their one-to-one row, so inserting one can be verified', async () => {
    const schema = await schemaOf(`version: 1
name: one-to-one
entities:
  user:
    rows: 2k
    fields:
      handle: string(40)!
  profile:
    fields:
      user: { type: ref(user), required: true, unique: true }
`);
    const profile = entry(planSeed(schema), 'profile');
    assert.equal(profile.rows, 1980);
    assert.match(profile.reason, /^as many as user .*, capped at 1980: every distinct user combination, less 20 left free for inserts$/);
  });

  it('seeds referenced tables first; a required cycle in any order, an optional one filled later', async () => {
    const reference = planSeed(await referenceSchema());
    const order = reference.tables.map((t) => t.table);
    assert.ok(
      order.indexOf('customer') < order.indexOf('order') &&
        order.indexOf('order') < order.indexOf('order_line') &&
        order.indexOf('product') < order.indexOf('order_line'),
    );
    assert.equal(order[0], 'tenant');

    const cycle = planSeed(
      await schemaOf(`version: 1
name: cycle
entities:
  department:
    fields:
      head: ref(employee)!
  employee:
    fields:
      department: ref(department)!
`),
    );
    assert.deepEqual(
      cycle.tables.map((t) => [t.table, t.fillLater]),
      [
        ['department', []],
        ['employee', []],
      ],
    );

    const optional = planSeed(
      await schemaOf(`version: 1
name: optional
entities:
  a:
    fields:
      b: ref(b)
  b:
    fields:
      a: ref(a)!
`),
    );
    assert.deepEqual(
      optional.tables.map((t) => [t.table, t.fillLater]),
      [
        ['a', ['a_b_id_fkey']],
        ['b', []],
      ],
    );
  });
});
