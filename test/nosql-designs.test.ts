import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromFile, workloadOf } from '../src/api/design.js';
import { designCassandra, restrictionProblems } from '../src/design/nosql/cassandra/design-cassandra.js';
import { PARTITION_LIMIT_BYTES } from '../src/design/nosql/cassandra/partition-size.js';
import { designDynamodb } from '../src/design/nosql/dynamodb/design-dynamodb.js';
import { nosqlContext, type NosqlContext } from '../src/design/nosql/input.js';
import { bsonAjv, compileValidator } from '../src/design/nosql/mongodb/bson-ajv.js';
import { checkMongodb } from '../src/design/nosql/mongodb/check-mongodb.js';
import { designMongodb } from '../src/design/nosql/mongodb/design-mongodb.js';
import { executeDynamoDesign } from '../src/engines/dynamodb-local.js';
import { loadSpecFile, loadSpecText } from '../src/spec/load-spec.js';
import { REFERENCE_SPEC, runCliProcess } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/nosql-shop.yaml', import.meta.url));
const HUGE = fileURLToPath(new URL('./fixtures/nosql-huge-partition.yaml', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./golden/nosql-shop/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

async function contextOf(file: string, text?: string): Promise<NosqlContext> {
  const result = text === undefined ? await loadSpecFile(file) : await loadSpecText(file, text);
  assert.ok(result.loaded, JSON.stringify(result.diagnostics));
  const l = result.loaded;
  return nosqlContext({ spec: l.spec, schema: l.schema, workload: workloadOf(l), params: new Map(l.patterns.map((p) => [p.name, p.params])) });
}

describe('DynamoDB single-table design, executed on dynalite', async () => {
  const ctx = await contextOf(FIXTURE);
  const design = designDynamodb(ctx);
  const run = await executeDynamoDesign(ctx, design);

  it('every pattern of the fixture runs as Query, GetItem or a keyed write and returns the SQL answer; no Scan reaches the server', () => {
    assert.ok(ctx.accesses.length >= 5);
    assert.deepEqual(
      run.patterns.filter((p) => !p.ok || p.skipped),
      [],
    );
    assert.equal(run.requests['Scan'], undefined, JSON.stringify(run.requests));
    assert.ok((run.requests['Query'] ?? 0) >= 4, JSON.stringify(run.requests));
    for (const p of run.patterns)
      assert.ok(
        p.operations.every((op) => ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].includes(op)),
        `${p.pattern}: ${p.operations}`,
      );
  });

  it('each pattern states its index and exact key condition', () => {
    const byName = new Map(design.design.patterns.map((p) => [p.pattern, p]));
    const sku = byName.get('product_by_sku')!.operations[0]!;
    assert.equal(sku.operation, 'Query');
    assert.match(sku.index, /^GSI\d$/);
    assert.equal(sku.values[':pk'], 'TENANT#{:tenant}#SKU#{:sku}');
    const withItems = byName.get('order_with_items')!.operations;
    assert.deepEqual(
      withItems.map((o) => [o.operation, o.index, o.keyCondition]),
      [['Query', 'table', 'PK = :pk']],
    );
    const open = byName.get('open_orders')!.operations[0]!;
    assert.deepEqual(open.perValue, { column: 'status', values: ['pending', 'paid'] });
    assert.equal(open.scanIndexForward, true);
    const since = byName.get('large_orders_since')!.operations[0]!;
    assert.match(since.keyCondition, /SK >= :sk$/);
    assert.match(since.filter!.expression, /^total > :f0$/);
    assert.equal(byName.get('ship_order')!.operations[0]!.operation, 'UpdateItem');
    const items = design.design.items.find((i) => i.entity === 'order_item')!;
    assert.equal(items.pk, 'TENANT#{tenant_id}#ORDER#{order_id}', 'order items live in their order’s partition');
  });

  it('the check fails when a key condition is wrong: the comparison with the SQL answer is real', async () => {
    const planned = design.planned.get('customer_orders')!;
    const op = planned.operations[0]!;
    const flipped = {
      ...design,
      planned: new Map([...design.planned, ['customer_orders', { ...planned, operations: [{ ...op, scanIndexForward: !op.scanIndexForward }] }]]),
    };
    const bad = await executeDynamoDesign(ctx, flipped);
    const verdict = bad.patterns.find((p) => p.pattern === 'customer_orders')!;
    assert.equal(verdict.ok, false, verdict.detail);
  });

  it('capacity: request units from the rates, item sizes under 400 KB, hottest keys against the partition limit', () => {
    const orders = design.design.patterns.find((p) => p.pattern === 'customer_orders')!;
    // 10 items of ~0.4 KB per call, eventually consistent (the fixture's consistency): one half unit a call, 300 calls/s.
    assert.equal(orders.readUnitsPerSecond, 150);
    const place = design.design.patterns.find((p) => p.pattern === 'place_order')!;
    assert.ok(place.writeUnitsPerSecond >= 30 * 2, `the item and its GSI copies: ${place.writeUnitsPerSecond}`);
    assert.ok(design.design.items.every((i) => i.size.maxBytes < 400 * 1024));
    assert.ok(design.design.patterns.every((p) => !p.hottestKey || p.hottestKey.unitsPerSecond <= p.hottestKey.limit));
  });

  it('a pattern no key can serve is a finding with its fix, never a Scan', async () => {
    const text = readFileSync(FIXTURE, 'utf8').replace(
      'access_patterns:\n',
      'access_patterns:\n  - name: orders_by_word\n    sql: select id from "order" where tenant_id = :tenant and (status = \'paid\' or total > :t)\n    rate: 1/s\n',
    );
    const c = await contextOf('or.yaml', text);
    const d = designDynamodb(c);
    const finding = d.design.findings.find((f) => f.pattern === 'orders_by_word')!;
    assert.equal(finding.code, 'nosql/dynamodb-no-key');
    assert.match(finding.fix, /equality/);
    assert.deepEqual(d.design.patterns.find((p) => p.pattern === 'orders_by_word')!.operations, []);
  });
});

describe('MongoDB design: validators checked with Ajv, queries run on mingo', async () => {
  const ctx = await contextOf(FIXTURE);
  const design = designMongodb(ctx);
  const check = checkMongodb(ctx, design);

  it('embeds order items in their order (read together, bounded) and references customers (read alone)', () => {
    const items = design.design.relationships.find((r) => r.child === 'order_item' && r.parent === 'order')!;
    assert.equal(items.decision, 'embed');
    assert.ok(items.rationale.some((r) => /bounded/.test(r)));
    const orders = design.design.relationships.find((r) => r.child === 'order' && r.parent === 'customer')!;
    assert.equal(orders.decision, 'reference');
  });

  it('every synthetic document passes its validator, and each document broken on purpose is refused', () => {
    assert.ok(
      check.documents.every((d) => d.valid === d.total && d.total > 0),
      JSON.stringify(check.documents),
    );
    assert.ok(check.broken.length >= 5);
    assert.deepEqual(
      check.broken.filter((b) => !b.refused),
      [],
    );
    const order = design.design.collections.find((c) => c.name === 'order')!;
    const validate = compileValidator(bsonAjv(), order.validator);
    const good = {
      id: 1,
      tenant_id: 1,
      customer_id: 1,
      status: 'paid',
      total: 9.5,
      placed_at: new Date(),
      order_item: [{ id: 1, product_id: 2, quantity: 1, unit_price: 9.5 }],
    };
    assert.ok(validate(good), JSON.stringify(validate.errors));
    assert.equal(validate({ ...good, placed_at: '2026-01-01' }), false, 'a date held as text is not a BSON date');
    assert.equal(validate({ ...good, order_item: [{ ...good.order_item[0], quantity: 0 }] }), false, 'an embedded item breaking min 1');
  });

  it('each pattern has an ESR index and its query returns on mingo what the SQL returns', () => {
    assert.deepEqual(
      check.patterns.filter((p) => !p.ok || p.skipped),
      [],
    );
    const order = design.design.collections.find((c) => c.name === 'order')!;
    const byPattern = (p: string) => order.indexes.find((i) => i.patterns.includes(p))!;
    assert.equal(byPattern('customer_orders').name, 'tenant_id_1_customer_id_1_placed_at_-1');
    // $in before a sort acts as a range: equality, sort, then the IN field
    assert.equal(byPattern('open_orders').name, 'tenant_id_1_placed_at_1_status_1');
    // equality tenant_id, sort placed_at (its range rides on the sort), then the range on total
    assert.equal(byPattern('large_orders_since').name, 'tenant_id_1_placed_at_1_total_1');
  });
});

describe('Cassandra query-first tables', async () => {
  it('one table per pattern where needed, partitions under 100 MB, the writes each table costs', async () => {
    const ctx = await contextOf(FIXTURE);
    const { design, selects } = designCassandra(ctx);
    assert.ok(design.tables.every((t) => t.partition.bytes < PARTITION_LIMIT_BYTES));
    assert.deepEqual(selects.flatMap(restrictionProblems), []);
    const items = design.tables.find((t) => t.name === 'order_item_by_order')!;
    assert.deepEqual(items.partitionKey, ['tenant_id', 'order_id']);
    assert.ok(
      items.columns.filter((c) => c.static).some((c) => c.name === 'status'),
      'the order’s columns are static',
    );
    const byCustomer = design.tables.find((t) => t.name === 'order_by_customer')!;
    assert.deepEqual(byCustomer.clustering, [
      { column: 'placed_at', order: 'DESC' },
      { column: 'id', order: 'ASC' },
    ]);
    assert.ok(design.duplication.find((d) => d.entity === 'order')!.writesPerInsert >= 3);
  });

  it('a partition that would pass 100 MB gets a time bucket that keeps it under', async () => {
    const { design, selects } = designCassandra(await contextOf(HUGE));
    const readings = design.tables.find((t) => t.patterns.includes('device_readings'))!;
    assert.equal(readings.bucket?.kind, 'time');
    assert.equal(readings.bucket?.of, 'taken_at');
    assert.deepEqual(readings.partitionKey, ['device_id', 'bucket']);
    assert.ok(readings.partition.bytes <= PARTITION_LIMIT_BYTES, `${readings.partition.bytes}`);
    assert.match(design.patterns.find((p) => p.pattern === 'device_readings')!.cql[0]!, /AND bucket = :bucket/);
    assert.deepEqual(selects.flatMap(restrictionProblems), []);
  });

  it('the restriction check catches a query that leaves a partition key column open', async () => {
    const { selects } = designCassandra(await contextOf(FIXTURE));
    const s = selects.find((x) => x.pattern === 'customer_orders')!;
    assert.deepEqual(restrictionProblems({ ...s, restrictions: s.restrictions.filter((r) => r.column !== 'customer_id') }), [
      'customer_orders: partition key column customer_id of order_by_customer is not restricted',
    ]);
  });
});

describe('design --target writes the NoSQL designs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-nosql-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the fixture: byte-identical runs, and the nosql/ files match their golden files', async () => {
    const first = await designFromFile(FIXTURE, { nosql: ['dynamodb', 'mongodb', 'cassandra'] });
    const second = await designFromFile(FIXTURE, { nosql: ['dynamodb', 'mongodb', 'cassandra'] });
    assert.ok(first.ok && second.ok);
    const files = first.artifacts.filter((a) => a.path.startsWith('nosql/'));
    assert.deepEqual(
      files.map((f) => f.path),
      [
        'nosql/cassandra/schema.cql',
        'nosql/dynamodb/access-patterns.md',
        'nosql/dynamodb/table.json',
        'nosql/mongodb/collections.json',
        'nosql/mongodb/queries.md',
      ],
    );
    assert.deepEqual(
      second.artifacts.filter((a) => a.path.startsWith('nosql/')),
      files,
    );
    assert.deepEqual(
      first.diagnostics.filter((d) => d.code.startsWith('nosql/')),
      [],
    );
    const report = first.artifacts.find((a) => a.path === 'README.md')!.content;
    assert.match(report, /## DynamoDB \(single table\)/);
    assert.match(report, /\*executed\* \(engine:dynalite/);
    for (const file of files) {
      const path = join(GOLDEN, file.path);
      if (update) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content);
      } else assert.equal(file.content, readFileSync(path, 'utf8'), `${file.path} differs from its golden file; UPDATE_GOLDEN=1 and review the diff`);
    }
  });

  it('the reference spec with --target dynamodb,mongodb,cassandra: exit 0, the files written, no SDK warning on stderr', () => {
    const out = join(dir, 'shop');
    const run = runCliProcess(['design', REFERENCE_SPEC, '--target', 'dynamodb,mongodb,cassandra', '-o', out, '--no-engine']);
    assert.equal(run.status, 0, run.stderr);
    for (const f of [
      'nosql/dynamodb/table.json',
      'nosql/dynamodb/access-patterns.md',
      'nosql/mongodb/collections.json',
      'nosql/mongodb/queries.md',
      'nosql/cassandra/schema.cql',
    ])
      assert.ok(existsSync(join(out, f)), f);
    assert.doesNotMatch(run.stderr, /NodeVersionSupportWarning|AWS SDK/);
    assert.match(run.stderr, /nosql\/dynamodb: derived \(dynamodb-single-table\), executed \(dynalite/);
    const json = JSON.parse(readFileSync(join(out, 'design.json'), 'utf8'));
    assert.ok(json.nosql.dynamodb && json.nosql.mongodb && json.nosql.cassandra);
  });

  it('without --target, a chosen document store writes the MongoDB design, and the report points at it', async () => {
    const result = await designFromFile(fileURLToPath(new URL('./fixtures/telemetry-1m-writes.yaml', import.meta.url)));
    assert.ok(result.ok);
    assert.equal(result.design.technology.choice, 'mongodb');
    assert.deepEqual(Object.keys(result.design.nosql ?? {}), ['reason', 'mongodb']);
    assert.match(result.design.nosql!.reason, /^the chosen engine, MongoDB, is a document store/);
    assert.deepEqual(
      result.diagnostics.filter((d) => d.code.startsWith('nosql/')),
      [],
    );
    assert.ok(result.artifacts.some((a) => a.path === 'nosql/mongodb/collections.json'));
    assert.match(result.artifacts.find((a) => a.path === 'README.md')!.content, /The MongoDB design is `nosql\/mongodb\/`/);
  });

  it('an unknown --target exits 2 and lists the names', () => {
    const run = runCliProcess(['design', REFERENCE_SPEC, '--target', 'dynamodb,cosmos', '--print', 'json']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown --target `cosmos`; use dynamodb, mongodb, cassandra/);
  });
});
