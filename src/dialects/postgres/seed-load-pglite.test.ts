import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { freshSchema, sharedEngine } from '../../../test/engines.js';
import { referenceDesign } from '../../../test/helpers.js';
import { designFromSpec, type DesignResult } from '../../api/design.js';
import { quotePgIdentifier as q } from './quote.js';
import type { Schema, Table } from '../../model/schema.js';
import { loadSpecText } from '../../spec/load-spec.js';
import type { SeedProgress } from '../../seed/load.js';
import { seedPostgres } from './seed-load.js';
import { seedShape } from '../../seed/table-shape.js';

const ANCHOR = '2026-01-01T00:00:00Z';

/** One PGlite for the file (it takes seconds to start); each case seeds its own schema. */
const engine = sharedEngine();
let reference: { schema: Schema; ddl: string };
before(async () => {
  reference = designed(await referenceDesign());
});

function designed(result: DesignResult): { schema: Schema; ddl: string } {
  assert.ok(result.ok, JSON.stringify(result.diagnostics, null, 2));
  return { schema: result.design.schema, ddl: result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content };
}

async function designYaml(yaml: string): Promise<{ schema: Schema; ddl: string }> {
  const loaded = await loadSpecText('spec.yaml', yaml);
  assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics, null, 2));
  return designed(await designFromSpec(loaded.loaded, loaded.diagnostics));
}

/** Applies the DDL in a fresh schema of the test's and leaves search_path pointing at it. */
async function applyFresh(t: TestContext, ddl: string): Promise<string> {
  const name = await freshSchema(t, engine, 'seed');
  await engine.exec(ddl);
  return name;
}

/** The first column of the first row, as a number. */
async function scalar(sql: string): Promise<number> {
  const rows = await engine.query<Record<string, unknown>>(sql);
  const value = rows[0] ? Object.values(rows[0])[0] : undefined;
  return value === null || value === undefined ? NaN : Number(value);
}

/**
 * Every constraint the seed must respect, checked by queries rather than trusted to the engine:
 * orphans, cross-tenant references, duplicate keys, checks, NULLs where required, and optional
 * columns that are never NULL (or always NULL). Returns the problems found, empty when all hold.
 */
async function integrityProblems(schema: Schema): Promise<string[]> {
  const problems: string[] = [];
  const tableOf = (name: string) => schema.tables.find((t) => t.name === name)!;
  const count = async (label: string, sql: string) => {
    const n = await scalar(sql);
    if (n !== 0) problems.push(`${label}: ${n}`);
  };
  for (const table of schema.tables) {
    const t = q(table.name);
    const rows = await scalar(`SELECT count(*) FROM ${t}`);
    if (rows === 0) problems.push(`${table.name} is empty`);
    const shape = seedShape(schema, table);
    for (const fk of table.foreignKeys) {
      const parent = q(fk.refTable);
      const on = fk.columns.map((c, i) => `p.${q(fk.refColumns[i]!)} = c.${q(c)}`).join(' AND ');
      const set = fk.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ');
      await count(`orphans of ${table.name}.${fk.name}`, `SELECT count(*) FROM ${t} c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${on})`);
      if (shape.alignedForeignKeys.has(fk.name)) {
        // Join on the reference alone (ids are unique across tenants), then compare tenants.
        const byId = fk.columns.flatMap((c, i) => (c === 'tenant_id' ? [] : [`p.${q(fk.refColumns[i]!)} = c.${q(c)}`])).join(' AND ');
        await count(`cross-tenant ${table.name}.${fk.name}`, `SELECT count(*) FROM ${t} c JOIN ${parent} p ON ${byId} WHERE p.tenant_id <> c.tenant_id`);
      }
    }
    for (const key of [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)]) {
      const cols = key.map(q).join(', ');
      await count(
        `duplicate ${table.name} (${key.join(', ')})`,
        `SELECT count(*) FROM (SELECT ${cols} FROM ${t} WHERE ${key.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} GROUP BY ${cols} HAVING count(*) > 1) d`,
      );
    }
    for (const check of table.checks) {
      const rule = check.rule;
      if (rule.kind === 'expression') throw new Error(`the spec never gives an expression check (${check.name})`);
      const c = q(rule.column);
      const holds =
        rule.kind === 'range'
          ? [rule.min !== undefined ? `${c} >= ${rule.min}` : 'true', rule.max !== undefined ? `${c} <= ${rule.max}` : 'true'].join(' AND ')
          : rule.format === 'email'
            ? `${c} ~* '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`
            : `${c} ~ '^\\+[1-9][0-9]{6,14}$'`;
      await count(`check ${check.name}`, `SELECT count(*) FROM ${t} WHERE ${c} IS NOT NULL AND NOT (${holds})`);
    }
    for (const column of table.columns) {
      const c = q(column.name);
      const nulls = await scalar(`SELECT count(*) FROM ${t} WHERE ${c} IS NULL`);
      if (!column.nullable && nulls > 0) problems.push(`${table.name}.${column.name} is required but has ${nulls} NULLs`);
      if (column.nullable && rows >= 100 && (nulls === 0 || nulls === rows))
        problems.push(`${table.name}.${column.name} is optional but has ${nulls} NULLs in ${rows} rows`);
      if (column.type.kind === 'enum' && rows >= 100) {
        const distinct = await scalar(`SELECT count(DISTINCT ${c}) FROM ${t}`);
        const values = schema.enums.find((e) => e.name === (column.type as { name: string }).name)!.values.length;
        if (distinct !== values) problems.push(`${table.name}.${column.name} uses ${distinct} of its ${values} values`);
      }
    }
  }
  return problems;
}

/** A fingerprint of a table's rows in key order, to compare two seeded copies. */
async function fingerprint(table: Table): Promise<string> {
  const order = table.primaryKey.columns.map((c) => `x.${q(c)}`).join(', ');
  const rows = await engine.query<{ md5: string }>(`SELECT md5(string_agg(x::text, ',' ORDER BY ${order})) AS md5 FROM ${q(table.name)} x`);
  return rows[0]!.md5;
}

describe('seeding on PGlite', () => {
  it('the reference spec seeds at the spec ratios, respecting every key, check and tenant', async (t) => {
    await applyFresh(t, reference.ddl);
    const progress: SeedProgress[] = [];
    const result = await seedPostgres(engine, reference.schema, { largestRows: 20_000, seed: 3, anchor: ANCHOR, onProgress: (p) => progress.push(p) });

    assert.deepEqual(
      progress.map((p) => [p.table, p.index, p.total]),
      result.plan.tables.map((t, i) => [t.table, i + 1, result.plan.tables.length]),
    );
    assert.deepEqual(
      result.tables.map((t) => [t.table, t.rows]),
      result.plan.tables.map((t) => [t.table, t.rows]),
      'every planned row was inserted',
    );
    assert.equal(
      result.totalRows,
      result.tables.reduce((s, t) => s + t.rows, 0),
    );
    for (const t of result.tables) assert.equal(await scalar(`SELECT count(*) FROM ${q(t.table)}`), t.rows);

    // Ratios: each table with a spec volume (not raised to a minimum) within one row of spec × factor.
    for (const t of result.plan.tables)
      if (t.basis === 'spec' && !t.reason.includes('raised')) assert.ok(Math.abs(t.rows - t.specRows! * result.plan.factor) <= 1, t.table);
    const rows = Object.fromEntries(result.tables.map((t) => [t.table, t.rows]));
    assert.ok(Math.abs(rows.order_line! / rows.order! - 3) < 0.001);
    assert.ok(Math.abs(rows.customer! / rows.order! - 0.1) < 0.001);

    // Fan-out follows the ratio: about 3 lines per order, so e^-3 ≈ 5% of orders have none.
    const withLines = await scalar(`SELECT count(DISTINCT (tenant_id, order_id)) FROM order_line`);
    assert.ok(withLines / rows.order! > 0.9 && withLines / rows.order! < 0.99, `orders with lines: ${withLines}`);

    assert.deepEqual(await integrityProblems(reference.schema), []);

    // Rows spread over each table's history before the anchor, older ids earlier.
    const times = await engine.query<{ before: boolean; span_days: number; ordered: boolean }>(
      `SELECT bool_and(placed_at < '${ANCHOR}') AS before, extract(epoch FROM max(placed_at) - min(placed_at)) / 86400 AS span_days,
              bool_and(updated_at >= created_at) AS ordered FROM "order"`,
    );
    assert.equal(times[0]!.before, true);
    assert.ok(Math.abs(Number(times[0]!.span_days) - (200e6 / 5e6) * 30.44) < 5, `orders span 40 months: ${times[0]!.span_days}`);
    assert.equal(times[0]!.ordered, true);

    // The application's next insert gets a fresh id; the tables were analyzed.
    const next = await engine.query<{ id: number }>(`INSERT INTO customer (tenant_id, email) VALUES (1, 'new@example.com') RETURNING id`);
    assert.equal(Number(next[0]!.id), rows.customer! + 1);
    assert.ok((await scalar(`SELECT reltuples FROM pg_class WHERE oid = '"order"'::regclass`)) > 0);
  });

  it('the same seed gives the same rows, another seed other rows', async (t) => {
    const seedInto = async (seed: number) => {
      await applyFresh(t, reference.ddl);
      await seedPostgres(engine, reference.schema, { largestRows: 5_000, seed, anchor: ANCHOR });
      return Promise.all(reference.schema.tables.map(fingerprint));
    };
    const first = await seedInto(11);
    const again = await seedInto(11);
    const other = await seedInto(12);
    assert.deepEqual(again, first);
    reference.schema.tables.forEach((t, i) => assert.notEqual(other[i], first[i], `${t.name} changes with the seed`));
  });

  it('skew concentrates children on low ids', async (t) => {
    const shareOfLowestTenth = async (skew: number) => {
      await applyFresh(t, reference.ddl);
      const result = await seedPostgres(engine, reference.schema, { largestRows: 20_000, skew, anchor: ANCHOR });
      const customers = result.tables.find((t) => t.table === 'customer')!.rows;
      return scalar(`SELECT avg((customer_id <= ${Math.floor(customers / 10)})::int) FROM "order"`);
    };
    const uniform = await shareOfLowestTenth(0);
    const skewed = await shareOfLowestTenth(2);
    assert.ok(Math.abs(uniform - 0.1) < 0.02, `uniform: ${uniform}`);
    assert.ok(skewed > 0.4, `skew 2: ${skewed}`); // u^3 < 0.1 for u < 0.46
    assert.deepEqual(await integrityProblems(reference.schema), []);
  });

  it('keyword-named tables and columns seed', async (t) => {
    const { schema, ddl } = await designYaml(`version: 1
name: keywords
entities:
  user:
    rows: 300
    fields:
      from: date!
      to: date
      limit: int
      order: int
  group:
    rows: 100
    fields:
      user: ref(user)!
      select: string(10)
  order:
    rows: 500
    fields:
      group: ref(group)
      table: text
`);
    await applyFresh(t, ddl);
    const result = await seedPostgres(engine, schema, { anchor: ANCHOR });
    assert.deepEqual(
      result.tables.map((t) => [t.table, t.rows]),
      [
        ['user', 300],
        ['group', 100],
        ['order', 500],
      ],
    );
    assert.deepEqual(await integrityProblems(schema), []);
  });

  it('a cycle of required references seeds in one transaction, checked at commit', async (t) => {
    const { schema, ddl } = await designYaml(`version: 1
name: cycle
entities:
  department:
    rows: 50
    fields:
      name: string(50)!
      head: ref(employee)!
  employee:
    rows: 1000
    fields:
      name: string(50)!
      department: ref(department)!
`);
    for (const load of ['per-row', 'bulk'] as const) {
      await applyFresh(t, ddl);
      const result = await seedPostgres(engine, schema, { anchor: ANCHOR, load });
      assert.deepEqual(
        result.tables.map((t) => [t.table, t.rows]),
        [
          ['department', 50],
          ['employee', 1000],
        ],
        load,
      );
      assert.deepEqual(await integrityProblems(schema), [], load);
    }
  });

  it('a spec without tenancy seeds: self references, a many-to-many onto itself, an optional cycle, uuid ids, ranges and formats', async (t) => {
    const { schema, ddl } = await designYaml(`version: 1
name: social
conventions:
  ids: uuid
  timestamps: true
entities:
  person:
    rows: 2000
    fields:
      name: string(80)!
      email: { type: email, unique: true, required: true }
      phone: phone
      friends: many(person)
      manager: ref(person)
      team: ref(team)
      age: { type: int, min: 18, max: 120 }
      rating: { type: "decimal(3,1)", min: 0, max: 5 }
      birthday: date
      wakes: time
      score: float
      vip: bool!
      tags: json
  team:
    rows: 100
    fields:
      name: { type: string(40), unique: true, required: true }
      lead: ref(person)!
`);
    await applyFresh(t, ddl);
    const result = await seedPostgres(engine, schema, { anchor: ANCHOR });
    assert.deepEqual(
      result.plan.tables.map((t) => [t.table, t.fillLater]),
      [
        ['person', ['person_team_id_fkey']],
        ['person_friends', []],
        ['team', []],
      ],
    );
    assert.deepEqual(
      result.tables.map((t) => [t.table, t.rows]),
      [
        ['person', 2000],
        ['person_friends', 4000],
        ['team', 100],
      ],
    );
    assert.deepEqual(await integrityProblems(schema), []);
    // Self references point at an earlier row or nowhere.
    assert.equal(await scalar(`SELECT count(*) FROM person p JOIN person m ON m.id = p.manager_id WHERE m.created_at >= p.created_at`), 0);
    assert.ok((await scalar(`SELECT count(*) FROM person WHERE manager_id IS NOT NULL`)) > 1500);
  });

  it('tenancy with uuid ids, a natural key, a global table and a 1:1 extension seeds', async (t) => {
    const { schema, ddl } = await designYaml(`version: 1
name: tenants
conventions:
  ids: uuid
requirements:
  tenancy: shared-schema
entities:
  tenant:
    rows: 20
    fields:
      name: string(50)!
  country:
    global: true
    rows: 200
    key: [code]
    fields:
      code: string(12)!
      name: string(40)!
  customer:
    rows: 1000
    fields:
      email: { type: email, unique: true, required: true }
      country: ref(country)
      tags: many(tag)
  tag:
    rows: 100
    fields:
      label: string(30)!
  profile:
    key: [tenant_id, customer_id]
    fields:
      customer: ref(customer)!
      bio: text
`);
    await applyFresh(t, ddl);
    const result = await seedPostgres(engine, schema, { anchor: ANCHOR });
    const rows = Object.fromEntries(result.tables.map((t) => [t.table, t.rows]));
    // The 1:1 extension leaves 1% of customers without one, so an insert of a profile can be verified.
    assert.deepEqual(rows, { tenant: 20, country: 200, customer: 1000, tag: 100, customer_tags: 2000, profile: 990 });
    assert.deepEqual(await integrityProblems(schema), []);
    assert.equal(await scalar(`SELECT count(DISTINCT tenant_id) FROM customer_tags`), 20);
  });

  it('both load methods give the same rows, and the bulk load restores every foreign key and index', async (t) => {
    const catalog = async (name: string) =>
      engine.query(
        `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = '${name}'::regnamespace
         UNION ALL SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = '${name}' ORDER BY 1, 2, 3`,
      );
    const prints: string[][] = [];
    for (const load of ['per-row', 'bulk'] as const) {
      const name = await applyFresh(t, reference.ddl);
      const before = await catalog(name);
      const result = await seedPostgres(engine, reference.schema, { largestRows: 5_000, anchor: ANCHOR, load });
      assert.equal(result.finishMs > 0, load === 'bulk');
      assert.deepEqual(await catalog(name), before, `${load}: the same constraints and indexes`);
      prints.push(await Promise.all(reference.schema.tables.map(fingerprint)));
    }
    assert.deepEqual(prints[1], prints[0]);
  });

  it('a failure rolls everything back, foreign keys and indexes included, and says where', async (t) => {
    const name = await applyFresh(t, reference.ddl);
    await seedPostgres(engine, reference.schema, { largestRows: 2_000, anchor: ANCHOR });
    const counts = `SELECT (SELECT count(*) FROM pg_constraint WHERE connamespace = '${name}'::regnamespace) * 1000 + (SELECT count(*) FROM pg_indexes WHERE schemaname = '${name}')`;
    const before = await scalar(counts);
    // A bulk load finds the duplicates when it adds the keys back; a per-row load at the first insert.
    await assert.rejects(
      seedPostgres(engine, reference.schema, { largestRows: 4_000, anchor: ANCHOR }),
      /^Error: seeding table category \(adding back category_pkey\): could not create unique index "category_pkey"/,
    );
    await assert.rejects(
      seedPostgres(engine, reference.schema, { largestRows: 4_000, anchor: ANCHOR, load: 'per-row' }),
      /^Error: seeding table tenant: duplicate key value violates unique constraint "tenant_pkey"/,
    );
    assert.equal(await scalar(`SELECT count(*) FROM inventory_event`), 2_000);
    assert.equal(await scalar(counts), before);
  });
});
