import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { discoverDependencies } from '../src/api/dependencies.js';
import type { Schema } from '../src/model/schema.js';
import { column, table } from '../src/model/test-tables.test-helper.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { freshSchema, sharedEngine, testEngines } from './engines.js';

const FIXTURE = readFileSync(new URL('./fixtures/existing/orders-denormalized.sql', import.meta.url), 'utf8');

/** The fixture's table in the model, as introspection reads it (written by hand here: introspection is tested on its own). */
const text = { kind: 'text' } as const;
const ordersSchema: Schema = {
  enums: [],
  tables: [
    table('orders', [
      column('id', { kind: 'int64' }, { identity: 'always' }),
      column('customer_id', { kind: 'int32' }),
      column('customer_name', text),
      column('customer_email', text),
      column('customer_city', text),
      column('customer_country', text),
      column('placed_at', { kind: 'timestamp', withTimeZone: true }),
      column('status', text),
      column('amount', { kind: 'decimal', precision: 10, scale: 2 }),
      column('currency', { kind: 'char', length: 3 }, { default: { kind: 'literal', value: 'EUR' } }),
    ]),
  ],
};

for (const target of testEngines()) {
  describe(`normalization from the data on ${target.name}`, { skip: target.skip }, () => {
    const engine = sharedEngine(target);

    it('finds exactly the planted dependencies of a denormalized orders table and proposes the customer decomposition', async (t) => {
      await freshSchema(t, engine, 'fd');
      await engine.exec(FIXTURE);
      const started = performance.now();
      const { results, markdown } = await discoverDependencies(engine, ordersSchema, { sampleRows: 10_000 });
      const seconds = (performance.now() - started) / 1000;
      const [orders] = results;
      assert.ok(orders);
      const found = orders.dependencies;
      assert.equal(found.sampleRows, 10_000);
      assert.equal(found.sampleIsWholeTable, false);
      assert.deepEqual(found.constantColumns, ['currency']);

      // Every dependency whose determinant is not unique on the sample: the planted ones, nothing else.
      const notKeys = found.dependencies.filter((d) => !d.lhsUniqueOnSample).map((d) => `${d.lhs.join('+')} -> ${d.rhs}`);
      assert.deepEqual(notKeys.sort(), [
        'customer_city -> customer_country',
        'customer_email -> customer_city',
        'customer_email -> customer_country',
        'customer_email -> customer_id',
        'customer_email -> customer_name',
        'customer_id -> customer_city',
        'customer_id -> customer_country',
        'customer_id -> customer_email',
        'customer_id -> customer_name',
      ]);
      assert.deepEqual(orders.analysis.sampleKeys, [['placed_at']]);

      const findings = orders.analysis.findings.map((f) => [f.normalForm, f.determinant, f.dependents, f.equivalents, f.violations, f.holdsOnlyOnSample]);
      assert.deepEqual(findings, [
        ['3NF', ['customer_id'], ['customer_name', 'customer_email', 'customer_city', 'customer_country'], ['customer_email'], 0, true],
        ['3NF', ['customer_city'], ['customer_country'], [], 0, true],
      ]);
      const entities = orders.decomposition!.entities.map((e) => [e.name, e.key, e.columns, e.unique, e.referencedFrom]);
      assert.deepEqual(entities, [
        ['customer', ['customer_id'], ['customer_name', 'customer_email', 'customer_city'], ['customer_email'], 'orders'],
        ['customer_city', ['customer_city'], ['customer_country'], [], 'customer'],
      ]);
      const decomposed = orders.decomposition!.schema.tables.find((x) => x.name === 'orders')!;
      assert.deepEqual(
        decomposed.columns.map((c) => c.name),
        ['id', 'customer_id', 'placed_at', 'status', 'amount', 'currency'],
      );

      // The report says the evidence and writes the decomposition as a spec change that loads.
      assert.match(markdown, /10,000 sampled rows: every dependency below holds on the sample only/);
      assert.match(markdown, /\| 3NF \| customer_id \| customer_name, customer_email, customer_city, customer_country \| customer_email \| 0 of 10,000 \|/);
      assert.match(markdown, /Constant on the sample .*: currency\./);
      const fragment = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1];
      assert.ok(fragment, markdown);
      assert.match(fragment, /customer: ref\(customer\)!/);
      const spec = `version: 1\nname: shop\n${fragment}`;
      const loaded = await loadSpecText('fragment.yaml', spec);
      assert.deepEqual(
        loaded.diagnostics.filter((d) => d.severity === 'error'),
        [],
        spec,
      );
      t.diagnostic(`sampling and discovery of 10,000 of 20,000 rows took ${seconds.toFixed(2)} s`);
    });

    it('says the sample is the whole table when it is, and reads nothing but the sample', async (t) => {
      await freshSchema(t, engine, 'fd');
      await engine.exec(FIXTURE.replace('generate_series(1, 20000)', 'generate_series(1, 300)'));
      const { results } = await discoverDependencies(engine, ordersSchema, { sampleRows: 1000 });
      const bounded = await discoverDependencies(engine, ordersSchema, { sampleRows: 1000, maxWork: 1 });
      assert.equal(bounded.results[0]!.dependencies.searchedLhs, 0);
      assert.match(bounded.markdown, /determinants of more than 0 columns were not searched/);
      assert.equal(results[0]!.dependencies.sampleRows, 300);
      assert.equal(results[0]!.dependencies.sampleIsWholeTable, true);
      assert.ok(results[0]!.analysis.findings.every((f) => !f.holdsOnlyOnSample));
      const counted = await engine.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
      assert.equal(counted[0]?.n, 300);
    });
  });
}
