import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { designFromSpec } from '../src/api/design.js';
import type { Dialect } from '../src/dialects/dialect.js';
import { mysqlIntrospector, mysqlMigration } from '../src/dialects/mysql/index.js';
import { getDdlTarget } from '../src/dialects/targets.js';
import { executeInScratchDatabase } from '../src/engines/ddl-checkers/mysql.js';
import type { Engine } from '../src/engines/engine.js';
import { diffSchemas } from '../src/existing/diff/index.js';
import { planMigration } from '../src/existing/plan/plan-migration.js';
import type { MigrationPlan } from '../src/existing/plan/plan.js';
import type { Schema } from '../src/model/schema.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { mariadbServer } from './engines.js';

/**
 * MySQL/MariaDB migration plans (issue 11): the steps of a plan between two specs run on MariaDB
 * with the ALGORITHM and LOCK each states (the server refuses a claim it cannot keep), over a
 * table with rows; the database they leave is read back and equals the target schema built from
 * scratch, and the steps' reverses, run backwards, bring back the source schema.
 */
const server = mariadbServer();

const FROM = `version: 1
name: migration
conventions: { timestamps: false }
entities:
  customer:
    fields:
      email: string(100)!
      name: string(40)
      nickname: string(30)
      status: enum(active, blocked)!
  order:
    fields:
      customer: ref(customer)!
      total: "decimal(10,2)!"
      note: text
access_patterns:
  - name: orders_of_customer
    sql: select id, total from "order" where customer_id = :customer
    rate: 10/s
`;

const TO = `version: 1
name: migration
conventions: { timestamps: false }
entities:
  customer:
    fields:
      email: string(200)!
      name: string(40)!
      status: enum(active, blocked, closed)!
      score: { type: int, required: true, default: 0 }
    unique: [[email]]
  order:
    fields:
      customer: ref(customer)!
      total: "decimal(12,2)!"
      note: text
      placed_at: timestamp
  coupon:
    fields:
      code: string(20)!
      order: ref(order)
access_patterns:
  - name: orders_of_customer
    sql: select id, total from "order" where customer_id = :customer order by placed_at desc
    rate: 10/s
`;

async function schemaOf(yaml: string): Promise<Schema> {
  const loaded = await loadSpecText('spec.yaml', yaml);
  assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
  const result = await designFromSpec(loaded.loaded, loaded.diagnostics);
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return result.design.schema;
}

const MYSQL_PLANNER = { name: 'mysql', displayName: 'MySQL 8.0+ / MariaDB 10.11+', migration: mysqlMigration } as unknown as Dialect;

function plan(from: Schema, to: Schema, renames: { from: string; to: string }[] = []): MigrationPlan {
  return planMigration(diffSchemas(from, to, { renames }), {
    dialect: MYSQL_PLANNER,
    from: { schema: from, side: { kind: 'spec', location: 'from.yaml' } },
    to: { schema: to, side: { kind: 'spec', location: 'to.yaml' } },
    batchRows: 2,
  });
}

/** The database read back, without what differs between two builds of one schema (statistics, counters, the order columns were added in). */
function shape(schema: Schema): unknown {
  return {
    enums: [...schema.enums].sort((a, b) => a.name.localeCompare(b.name)),
    native: schema.native,
    tables: schema.tables.map((t) => ({
      ...t,
      stats: undefined,
      volume: undefined,
      columns: t.columns.map((c) => ({ ...c, sequence: undefined })).sort((a, b) => a.name.localeCompare(b.name)),
      indexes: t.indexes.map((i) => ({ ...i, stats: undefined })).sort((a, b) => a.name.localeCompare(b.name)),
      uniques: [...t.uniques].sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: [...t.foreignKeys].sort((a, b) => a.name.localeCompare(b.name)),
      checks: [...t.checks].sort((a, b) => a.name.localeCompare(b.name)),
    })),
  };
}

async function script(schema: Schema): Promise<string> {
  const target = getDdlTarget('mysql')!;
  await target.prepare();
  return target.emitSchema(schema).sql;
}

/** The schema as the server holds it when the target's script builds it in an empty database. */
async function built(schema: Schema): Promise<unknown> {
  const { result, inspected } = await executeInScratchDatabase(await script(schema), server.url!, async (engine) =>
    shape((await mysqlIntrospector.introspect(engine)).schema),
  );
  assert.equal(result.status, 'checked', JSON.stringify(result));
  return inspected;
}

/** A step's statements, then its batch until a run changes no row (mysql2 answers an UPDATE with its affectedRows). */
async function run(engine: Engine, sql: readonly string[], batch?: string): Promise<void> {
  for (const statement of sql) await engine.exec(statement);
  for (let i = 0; batch && i < 100; i++) {
    const header = (await engine.query(batch)) as unknown as { affectedRows: number };
    if (header.affectedRows === 0) return;
  }
  if (batch) assert.fail(`the batch did not finish in 100 runs: ${batch}`);
}

describe('MySQL/MariaDB migration plans on MariaDB', { skip: server.skip }, () => {
  it('every ALTER states its ALGORITHM and LOCK, and says when the table is copied', async () => {
    const steps = plan(await schemaOf(FROM), await schemaOf(TO)).steps;
    const alters = steps.flatMap((s) => s.sql.filter((q) => q.startsWith('ALTER TABLE')).map((sql) => ({ sql, step: s })));
    assert.ok(alters.length >= 6, `${alters.length} ALTER statements`);
    for (const { sql, step } of alters) {
      assert.match(sql, /, ALGORITHM=(INSTANT|INPLACE, LOCK=NONE|COPY, LOCK=SHARED)$/, sql);
      if (sql.includes('ALGORITHM=COPY')) assert.match(step.note ?? '', /copied row by row/, step.title);
      assert.ok(step.locks.length > 0, `${step.title} states its lock`);
    }
    const titles = steps.map((s) => `${s.phase}: ${s.title} [${s.locks.map((l) => l.action).join('; ')}]`);
    const find = (pattern: RegExp) => titles.find((t) => pattern.test(t));
    assert.ok(find(/^expand: add 'closed' to customer\.status .*ALGORITHM=INSTANT/), titles.join('\n'));
    assert.ok(find(/^expand: add customer\.score with its default .*ALGORITHM=INSTANT/), titles.join('\n'));
    assert.ok(find(/^migrate: change order\.total to DECIMAL\(12,2\) .*ALGORITHM=COPY, LOCK=SHARED/), titles.join('\n'));
    assert.ok(
      find(/^migrate: change customer\.email to VARCHAR\(200\) .*ALGORITHM=INPLACE, LOCK=NONE/),
      'a VARCHAR that grows keeps its length prefix: metadata only',
    );
    assert.ok(find(/^contract: drop customer\.nickname .*ALGORITHM=INPLACE, LOCK=NONE/), titles.join('\n'));
  });

  it('run on a table with rows, the steps reach the target schema; their reverses bring back the source', async () => {
    const from = await schemaOf(FROM);
    const to = await schemaOf(TO);
    const migration = plan(from, to);
    const [expectedTo, expectedFrom] = [await built(to), await built(from)];
    const { result, inspected } = await executeInScratchDatabase(await script(from), server.url!, async (engine) => {
      await engine.exec(
        "INSERT INTO `customer` (`email`, `name`, `status`) VALUES ('a@x.example', 'A', 'active'), ('b@x.example', 'B', 'blocked'), ('c@x.example', 'C', 'active')",
      );
      await engine.exec('INSERT INTO `order` (`customer_id`, `total`) SELECT `id`, 10.5 FROM `customer`');
      for (const step of migration.steps) await run(engine, step.sql, step.batch?.sql);
      const reached = shape((await mysqlIntrospector.introspect(engine)).schema);
      const [row] = await engine.query<{ n: number; score: number }>(
        "SELECT COUNT(*) AS n, MIN(`score`) AS score FROM `customer` WHERE `status` IN ('active', 'blocked')",
      );
      assert.deepEqual({ n: Number(row!.n), score: Number(row!.score) }, { n: 3, score: 0 }, 'the rows stay, with the new column at its default');
      for (const step of [...migration.steps].reverse()) {
        if ('irreversible' in step.reverse) assert.fail(`${step.title}: ${step.reverse.irreversible}`);
        await run(engine, step.reverse.sql);
      }
      return { reached, back: shape((await mysqlIntrospector.introspect(engine)).schema) };
    });
    assert.equal(result.status, 'checked', JSON.stringify(result));
    assert.deepEqual(inspected!.reached, expectedTo, 'the plan reaches the target');
    assert.deepEqual(inspected!.back, expectedFrom, 'the reverses reach the source again');
  });

  it('a UUID column is backfilled in batches, a foreign key is added without a table copy, a check with one, a column renamed', async () => {
    const from = await schemaOf(FROM);
    const to = structuredClone(from);
    const customer = to.tables.find((t) => t.name === 'customer')!;
    const order = to.tables.find((t) => t.name === 'order')!;
    customer.columns.push({ name: 'token', type: { kind: 'uuid' }, nullable: false, default: { kind: 'random-uuid' }, pii: false, origin: 'test' });
    customer.checks.push({ name: 'customer_name_check', rule: { kind: 'expression', sql: 'char_length(name) > 0', columns: ['name'] } });
    order.columns.push({ name: 'referrer_id', type: { kind: 'int64' }, nullable: true, pii: false, origin: 'test' });
    order.foreignKeys.push({
      name: 'order_referrer_id_fkey',
      columns: ['referrer_id'],
      refTable: 'customer',
      refColumns: ['id'],
      onDelete: 'set-null',
      deferrable: false,
    });
    order.columns = order.columns.map((c) => (c.name === 'note' ? { ...c, name: 'memo' } : c));
    const migration = plan(from, to, [{ from: 'order.note', to: 'order.memo' }]);
    const titles = migration.steps.map((s) => s.title);
    assert.ok(titles.includes('backfill customer.token'), titles.join('\n'));
    assert.ok(titles.includes('rename order.note to memo'), titles.join('\n'));
    const fk = migration.steps.find((s) => s.title.startsWith('add foreign key order_referrer_id_fkey'))!;
    assert.deepEqual(fk.sql[0], 'SET SESSION foreign_key_checks = 0');
    assert.match(fk.sql[1]!, /ADD CONSTRAINT `order_referrer_id_fkey` .* ON DELETE SET NULL, ALGORITHM=INPLACE, LOCK=NONE$/);
    assert.match(fk.note ?? '', /SELECT COUNT\(\*\) AS orphans FROM `order` c LEFT JOIN `customer` p/);
    const check = migration.steps.find((s) => s.title === 'add check customer_name_check on customer')!;
    assert.match(check.sql[0]!, /ADD CONSTRAINT `customer_name_check` CHECK \(CHAR_LENGTH\(`name`\) > 0\), ALGORITHM=COPY, LOCK=SHARED$/);
    const expected = await built(to);
    const { result, inspected } = await executeInScratchDatabase(await script(from), server.url!, async (engine) => {
      await engine.exec(
        "INSERT INTO `customer` (`email`, `name`, `status`) VALUES ('a@x.example', 'A', 'active'), ('b@x.example', 'B', 'blocked'), ('c@x.example', 'C', 'active')",
      );
      for (const step of migration.steps) await run(engine, step.sql, step.batch?.sql);
      const tokens = await engine.query<{ token: string }>('SELECT `token` FROM `customer`');
      assert.equal(new Set(tokens.map((t) => t.token)).size, 3, 'every row got its own UUID, in batches of 2');
      await assert.rejects(
        engine.exec('INSERT INTO `order` (`customer_id`, `total`, `referrer_id`) SELECT MIN(`id`), 1, 999 FROM `customer`'),
        /foreign key constraint fails/,
      );
      return shape((await mysqlIntrospector.introspect(engine)).schema);
    });
    assert.equal(result.status, 'checked', JSON.stringify(result));
    assert.deepEqual(inspected, expected, 'the plan reaches the target');
  });

  it('the plan as one script for the mysql client bounds each step and marks the data loss', async () => {
    const migration = plan(await schemaOf(FROM), await schemaOf(TO));
    const text = mysqlMigration.script(migration.steps, { lockMs: 5000, statementMs: 60_000 });
    assert.match(text, /^-- 01 expand: /);
    assert.match(text, /SET SESSION lock_wait_timeout = 5 \/\*M!, max_statement_time = 60 \*\/;/);
    assert.match(text, /-- LOSES DATA: the values of customer\.nickname/);
    assert.equal(mysqlMigration.script([], { lockMs: 1, statementMs: 1 }), '');
  });
});
