import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { planSeed } from '../../seed/plan.js';
import type { Schema } from '../../model/schema.js';
import { loadSpecFile, loadSpecText } from '../../spec/load-spec.js';
import { loadPgParser, parsePg } from '../../sql/pg-parser.js';
import { postgresSeedScript, postgresSeedSelect, type PostgresSeedScript } from './seed-sql.js';

const REFERENCE_SPEC = fileURLToPath(new URL('../../../examples/saas-shop.yaml', import.meta.url));
const ANCHOR = '2026-01-01T00:00:00Z';

async function schemaOf(yaml: string): Promise<Schema> {
  const result = await loadSpecText('spec.yaml', yaml);
  assert.ok(result.loaded, JSON.stringify(result.diagnostics, null, 2));
  return result.loaded.schema;
}

let reference: Schema;
before(async () => {
  await loadPgParser();
  const result = await loadSpecFile(REFERENCE_SPEC);
  assert.ok(result.loaded);
  reference = result.loaded.schema;
});

const scriptOf = (schema: Schema, seed = 1, largestRows = 20_000): PostgresSeedScript =>
  postgresSeedScript(schema, planSeed(schema, { largestRows }), { seed, anchor: ANCHOR });
const insertFor = (script: PostgresSeedScript, table: string) => script.tables.find((t) => t.table === table)!.insert;
const allSql = (script: PostgresSeedScript) =>
  [
    ...script.tables.flatMap((t) => [t.insert, t.analyze]),
    ...script.fillLater.map((f) => f.sql),
    ...script.resetIdentities,
    script.analyzeAfterFill ?? '',
  ].join('\n');

describe('PostgreSQL seed SQL', () => {
  it('one server-side INSERT … SELECT over generate_series per table, in plan order, and every statement parses', () => {
    const script = scriptOf(reference);
    const plan = planSeed(reference, { largestRows: 20_000 });
    assert.deepEqual(
      script.tables.map((t) => [t.table, t.rows]),
      plan.tables.map((t) => [t.table, t.rows]),
    );
    for (const t of script.tables) {
      assert.match(
        t.insert,
        new RegExp(
          `^INSERT INTO \\S+ \\([^)]+\\)( OVERRIDING SYSTEM VALUE)?\\nSELECT\\n[\\s\\S]+\\nFROM generate_series\\(1, ${t.rows}\\) AS g(\\nON CONFLICT DO NOTHING)?;$`,
        ),
      );
      const parsed = parsePg(t.insert);
      assert.ok(parsed.ok, `${t.table}: ${parsed.ok ? '' : parsed.message}`);
    }
    for (const sql of script.resetIdentities) assert.ok(parsePg(sql).ok, sql);
  });

  it('is deterministic: no random() or now(), the same seed gives the same SQL, another seed other values', () => {
    const sql = allSql(scriptOf(reference, 7));
    assert.doesNotMatch(sql, /random\(|now\(|clock_timestamp|gen_random_uuid/i);
    assert.equal(sql, allSql(scriptOf(reference, 7)));
    const other = allSql(scriptOf(reference, 8));
    assert.notEqual(sql, other);
    assert.equal(sql.replace(/\d{6,}/g, 'N'), other.replace(/\d{6,}/g, 'N'), 'only the salts differ');
  });

  it('identity columns are given ids 1..n (OVERRIDING SYSTEM VALUE), and their sequences are moved past them', () => {
    const script = scriptOf(reference);
    assert.match(
      insertFor(script, 'order'),
      /^INSERT INTO "order" \(id, tenant_id, customer_id, status, total, currency, placed_at, shipping_address, created_at, updated_at\) OVERRIDING SYSTEM VALUE\nSELECT\n {2}g AS id,/,
    );
    assert.doesNotMatch(insertFor(script, 'product_category'), /OVERRIDING/);
    assert.ok(
      script.resetIdentities.includes(
        `SELECT setval(pg_get_serial_sequence('"order"', 'id'), m) FROM (SELECT max(id) AS m FROM "order") AS seeded WHERE m IS NOT NULL;`,
      ),
    );
  });

  it('tenancy: row g belongs to tenant ((g-1) mod T) + 1, and its parents are rows t, t+T, … of that tenant', () => {
    const order = insertFor(scriptOf(reference), 'order');
    const t = '((g - 1) % 2 + 1)';
    assert.ok(order.includes(`  ${t} AS tenant_id,`));
    // 444 customers over 2 tenants: tenant t has (444 - t) / 2 + 1 of them, ids t + 2k.
    assert.ok(order.includes(`(${t} + 2 * ((hashint8extended(g, `) && order.includes(`% ((444 - ${t}) / 2 + 1))) AS customer_id`), order);
  });

  it('keys hold by construction: unique columns from g, a relation enumerates combinations with ON CONFLICT as a safety net', () => {
    const script = scriptOf(reference);
    assert.match(insertFor(script, 'product'), /'sku-' \|\| g AS sku/);
    assert.match(insertFor(script, 'customer'), /'email\.' \|\| g \|\| '@example\.com' AS email/);
    assert.match(insertFor(script, 'payment'), /'provider_ref-' \|\| g AS provider_ref/);
    assert.deepEqual(
      script.tables.filter((t) => t.mayConflict).map((t) => t.table),
      ['product_category'],
    );
    assert.match(insertFor(script, 'product_category'), /\nON CONFLICT DO NOTHING;$/);
  });

  it('values respect types and checks: enums cast to their type, ranges, optional columns NULL in one row in ten', () => {
    const script = scriptOf(reference);
    assert.match(
      insertFor(script, 'order'),
      /\(ARRAY\['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'\]::order_status\[\]\)\[1 \+ \(\(hashint8extended\(g, \d+\) & 9223372036854775807\) % 6\)::int\] AS status/,
    );
    assert.match(insertFor(script, 'order_line'), /\(1 \+ \(hashint8extended\(g, \d+\) & 9223372036854775807\) % 1000\) AS quantity/);
    assert.match(insertFor(script, 'customer'), /CASE WHEN \(hashint8extended\(g, \d+\) & 9223372036854775807\) % 10 = 0 THEN NULL ELSE '\+1' \|\| lpad\(/);
    assert.match(insertFor(script, 'product'), /'USD' AS currency/, 'a string default is used as is');
    assert.match(insertFor(script, 'order'), /'2026-01-01T00:00:00\.000Z'::timestamptz - /);
  });

  it('quotes keyword names, and fills optional references on a cycle by an UPDATE afterwards', async () => {
    const schema = await schemaOf(`version: 1
name: keywords
entities:
  user:
    fields:
      from: date!
      to: date
      group: ref(group)
  group:
    fields:
      owner: ref(user)!
`);
    const script = scriptOf(schema);
    assert.match(insertFor(script, 'user'), /^INSERT INTO "user" \(id, "from", "to", group_id\) OVERRIDING SYSTEM VALUE\n/);
    assert.match(insertFor(script, 'user'), / {2}NULL AS group_id\n/);
    assert.match(insertFor(script, 'group'), /^INSERT INTO "group" \(id, owner_id\)/);
    assert.equal(script.fillLater.length, 1);
    assert.match(
      script.fillLater[0]!.sql,
      /^UPDATE "user" AS seeded SET group_id = CASE WHEN .* END\nFROM generate_series\(1, 1000\) AS seed_row\(g\)\nWHERE seeded\.id = seed_row\.g;$/,
    );
    assert.ok(parsePg(script.fillLater[0]!.sql).ok);
    assert.equal(script.analyzeAfterFill, 'ANALYZE "user";');
  });

  it('selects any range of rows, e.g. to replay them one by one', () => {
    const select = postgresSeedSelect(reference, planSeed(reference), { seed: 1, anchor: ANCHOR }, 'order_line', 10, 20);
    assert.deepEqual(select.columns, ['id', 'tenant_id', 'order_id', 'product_id', 'quantity', 'unit_price', 'created_at', 'updated_at']);
    assert.match(select.sql, /FROM generate_series\(10, 20\) AS g$/);
  });
});
