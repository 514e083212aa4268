import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromFile } from '../src/api/design.js';
import type { DdlScript } from '../src/dialects/ddl-target.js';
import { mysqlIntrospector } from '../src/dialects/mysql/index.js';
import { getDdlTarget } from '../src/dialects/targets.js';
import { executeInScratchDatabase } from '../src/engines/ddl-checkers/mysql.js';
import type { Engine } from '../src/engines/engine.js';
import { connectMysql } from '../src/engines/mysql.js';
import type { LogicalType } from '../src/model/logical-type.js';
import type { Column, Schema } from '../src/model/schema.js';
import { mariadbServer } from './engines.js';
import { MYSQL_FEATURES } from './fixtures/mysql-features.js';
import { REFERENCE_SPEC, runCli } from './helpers.js';

/**
 * The MySQL target's scripts run on a real MariaDB (DBARCHITECT_MYSQL_URL; required under
 * DBARCHITECT_REQUIRE_SERVERS=1) through the checker `design --check-db` uses, and the database
 * they made is read back by the MySQL introspector: the same tables, keys, references and indexes
 * as the design's Schema, so the script builds that schema and not merely valid SQL.
 */
const server = mariadbServer();
const SHARED_SPECS = '/work/shared/specs';
const KEYWORDS = fileURLToPath(new URL('./fixtures/mysql-keywords.yaml', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const yamlIn = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};
const SPECS = [REFERENCE_SPEC, KEYWORDS, ...yamlIn(SHARED_SPECS), ...yamlIn(EXAMPLES).filter((f) => f !== REFERENCE_SPEC)];

const target = getDdlTarget('mysql')!;

async function mysqlScript(schema: Schema): Promise<DdlScript> {
  await target.prepare();
  return target.emitSchema(schema);
}

async function designedSchema(file: string): Promise<Schema> {
  const result = await designFromFile(file);
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return result.design.schema;
}

/** What the introspector reads back for a model type, given how the target declares it. */
function readBack(type: LogicalType, wholeKey: boolean): Record<string, unknown> {
  switch (type.kind) {
    case 'text':
      return wholeKey ? { kind: 'string', length: 255 } : type;
    case 'uuid':
      return { kind: 'char', length: 36 };
    case 'timestamp':
      return { kind: 'timestamp', withTimeZone: false };
    case 'enum':
      return { kind: 'enum' };
    default:
      return type;
  }
}

const sameAction = (a: string | undefined) => (a === undefined || a === 'no-action' ? 'restrict' : a);

/** Objects a substitution says are not created as the model has them. */
function notCreated(script: DdlScript): Set<string> {
  return new Set(script.substitutions.filter((s) => /^(not created|no index|not declared)/.test(s.alternative)).flatMap((s) => s.object.split(', ')));
}

/** The database the script built, read back, is the model: tables, columns, keys, references, indexes, checks, triggers, views. */
function assertSameSchema(model: Schema, db: Schema, script: DdlScript): void {
  const dropped = notCreated(script);
  assert.deepEqual(db.tables.map((t) => t.name).sort(), model.tables.map((t) => t.name).sort(), 'the same tables');
  for (const table of model.tables) {
    const read = db.tables.find((t) => t.name === table.name)!;
    const where = (what: string) => `${table.name}: ${what}`;
    const whole = new Set([
      ...table.primaryKey.columns,
      ...table.uniques.flatMap((u) => u.columns),
      ...table.foreignKeys.flatMap((f) => f.columns),
      ...model.tables.flatMap((t) => t.foreignKeys.filter((f) => f.refTable === table.name).flatMap((f) => f.refColumns)),
    ]);
    assert.deepEqual(
      read.columns.slice(0, table.columns.length).map((c) => c.name),
      table.columns.map((c) => c.name),
      where('columns in order'),
    );
    for (const column of table.columns) {
      const got = read.columns.find((c) => c.name === column.name)!;
      const { name: _enumName, ...type } = got.type as Column['type'] & { name?: string };
      assert.deepEqual(type, readBack(column.type, whole.has(column.name)), where(`${column.name}'s type`));
      if (!column.generated) assert.equal(got.nullable, column.nullable, where(`${column.name} nullable`));
      if (column.type.kind === 'enum') {
        const values = model.enums.find((e) => e.name === (column.type as { name: string }).name)!.values;
        assert.deepEqual(db.enums.find((e) => e.name === (got.type as { name: string }).name)?.values, values, where(`${column.name}'s enum values`));
      }
      if (column.identity) assert.ok(got.identity, where(`${column.name} is AUTO_INCREMENT`));
    }
    assert.deepEqual(read.primaryKey.columns, table.primaryKey.columns, where('primary key'));
    for (const unique of table.uniques)
      assert.deepEqual(read.uniques.find((u) => u.name === unique.name)?.columns, unique.columns, where(`unique ${unique.name}`));
    assert.deepEqual(read.foreignKeys.map((f) => f.name).sort(), table.foreignKeys.map((f) => f.name).sort(), where('foreign keys'));
    for (const fk of table.foreignKeys) {
      const got = read.foreignKeys.find((f) => f.name === fk.name)!;
      assert.deepEqual([got.columns, got.refTable, got.refColumns], [fk.columns, fk.refTable, fk.refColumns], where(fk.name));
      const partialSetNull = fk.onDelete === 'set-null' && fk.setNullColumns !== undefined && fk.setNullColumns.length < fk.columns.length;
      const expected = partialSetNull || fk.onDelete === 'set-default' ? 'restrict' : fk.onDelete;
      assert.equal(sameAction(got.onDelete), sameAction(expected), where(`${fk.name} on delete`));
    }
    const readIndexes: { name: string; keys: { column?: string; expression?: string }[]; unique: boolean }[] = [
      ...read.indexes,
      ...read.uniques.map((u) => ({ name: u.name, keys: u.columns.map((column) => ({ column })), unique: true })),
    ];
    for (const index of table.indexes.filter((i) => !dropped.has(i.name))) {
      const got = readIndexes.find((i) => i.name === index.name);
      assert.ok(got, where(`index ${index.name}`));
      assert.equal(got.unique, index.unique, where(`${index.name} unique`));
      const plain = index.unique && index.where.length ? [] : index.keys.map((k) => k.column).filter((c) => c !== undefined);
      // A prefix key part reads back as the expression `col`(255): the column it indexes.
      const leading = got.keys.slice(0, plain.length).map((k) => k.column ?? /^`(.+)`\(\d+\)$/.exec(k.expression ?? '')?.[1]);
      assert.deepEqual(leading, plain, where(`${index.name}'s leading keys`));
    }
    const known = new Set([...table.indexes.map((i) => i.name), ...table.uniques.map((u) => u.name), ...table.foreignKeys.map((f) => f.name)]);
    for (const extra of read.indexes.filter((i) => !known.has(i.name)))
      assert.match(extra.name, /_auto_idx$/, where(`the only indexes beyond the model's lead with an AUTO_INCREMENT column (${extra.name})`));
    const declared = table.checks.filter((c) => !dropped.has(c.name)).map((c) => c.name);
    for (const check of declared)
      assert.ok(
        read.checks.some((c) => c.name === check),
        where(`check ${check}`),
      );
  }
  const triggers = (db.native ?? []).filter((n) => n.kind === 'trigger').map((n) => n.name);
  for (const table of model.tables)
    for (const trigger of table.triggers ?? []) {
      const names = trigger.kind === 'history' ? [`${trigger.name}_update`, `${trigger.name}_delete`] : [trigger.name];
      for (const name of names) assert.ok(triggers.includes(name), `trigger ${name}`);
    }
  const views = (db.native ?? []).filter((n) => n.kind === 'view').map((n) => n.name);
  for (const view of model.views ?? []) if (!dropped.has(view.name)) assert.ok(views.includes(view.name), `view ${view.name}`);
}

const introspect = async (engine: Engine) => (await mysqlIntrospector.introspect(engine)).schema;

async function databaseExists(name: string): Promise<boolean> {
  const engine = await connectMysql(server.url!);
  try {
    return (await engine.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name])).length > 0;
  } finally {
    await engine.close();
  }
}

describe('the MySQL target on MariaDB', { skip: server.skip }, () => {
  for (const file of SPECS) {
    it(`${file.replace(/^.*\//, '')}: the script runs and builds the design's schema`, async () => {
      const schema = await designedSchema(file);
      const script = await mysqlScript(schema);
      let database = '';
      const { result, inspected } = await executeInScratchDatabase(script.sql, server.url!, async (engine, name) => {
        database = name;
        return introspect(engine);
      });
      assert.equal(result.status, 'checked', JSON.stringify(result));
      assert.match(result.status === 'checked' ? (result.executedOn ?? '') : '', /^MariaDB 1\d\.\d+\.\d+$/);
      assert.equal(result.status === 'checked' && result.statements, script.statements);
      assertSameSchema(schema, inspected!, script);
      assert.equal(await databaseExists(database), false, 'the scratch database is dropped');
    });
  }

  it('the reference schema behaves: history and snapshot triggers write, keys and checks hold, the view aggregates', async () => {
    const script = await mysqlScript(await designedSchema(REFERENCE_SPEC));
    const { result } = await executeInScratchDatabase(script.sql, server.url!, async (engine) => {
      await engine.exec("INSERT INTO `tenant` (`name`, `slug`, `plan`, `billing_email`) VALUES ('Shop', 'shop', 'pro', 'billing@shop.example')");
      await engine.exec("UPDATE `tenant` SET `plan` = 'enterprise'");
      const history = await engine.query<{ op: string; by: string; plan: string }>(
        'SELECT `history_operation` AS op, `history_by` AS `by`, `plan` FROM `tenant_history`',
      );
      assert.deepEqual(history, [{ op: 'UPDATE', by: new URL(server.url!).username, plan: 'pro' }], 'the old row, the operation and the user');
      await assert.rejects(
        engine.exec("INSERT INTO `tenant` (`name`, `slug`, `plan`, `billing_email`) VALUES ('Bad', 'bad', 'pro', 'not an address')"),
        /tenant_billing_email_format_check/,
      );
      await engine.exec("INSERT INTO `customer` (`tenant_id`, `email`) SELECT `id`, 'a@b.example' FROM `tenant`");
      await assert.rejects(engine.exec("INSERT INTO `customer` (`tenant_id`, `email`) SELECT `id`, 'a@b.example' FROM `tenant`"), /Duplicate entry/);
      await engine.exec("INSERT INTO `customer` (`tenant_id`, `email`) SELECT `id`, 'A@b.example' FROM `tenant`");
      await engine.exec("INSERT INTO `product` (`tenant_id`, `sku`, `title`, `price`) SELECT `id`, 'sku-1', 'Thing', 9.5 FROM `tenant`");
      await engine.exec(
        "INSERT INTO `inventory_event` (`tenant_id`, `product_id`, `delta`, `reason`, `occurred_at`) SELECT `tenant_id`, `id`, 5, 'restock', NOW(6) FROM `product`",
      );
      await engine.exec(
        "INSERT INTO `inventory_event` (`tenant_id`, `product_id`, `delta`, `reason`, `occurred_at`) SELECT `tenant_id`, `id`, -2, 'sale', NOW(6) FROM `product`",
      );
      const [stock] = await engine.query<{ n: string | number }>('SELECT `sum_delta` AS n FROM `inventory_event_snapshot`');
      assert.equal(Number(stock!.n), 3, 'the running total of the two events');
      await engine.exec(
        "INSERT INTO `order` (`tenant_id`, `customer_id`, `status`, `total`, `currency`, `placed_at`) SELECT `tenant_id`, `id`, 'paid', 20, 'USD', NOW(6) FROM `customer`",
      );
      const revenue = await engine.query<{ sum_total: string }>('SELECT `sum_total` FROM `daily_revenue_mv`');
      assert.deepEqual(
        revenue.map((r) => Number(r.sum_total)),
        [40],
        "the view sums today's paid orders of the tenant",
      );
    });
    assert.equal(result.status, 'checked', JSON.stringify(result));
  });

  it('keyword names work, and SET NULL of a reference inside a composite key keeps the tenant', async () => {
    const script = await mysqlScript(await designedSchema(KEYWORDS));
    const { result } = await executeInScratchDatabase(script.sql, server.url!, async (engine) => {
      await engine.exec("INSERT INTO `tenant` (`name`) VALUES ('t')");
      await engine.exec("INSERT INTO `key` (`value`) VALUES ('k')");
      await engine.exec("INSERT INTO `user` (`tenant_id`, `select`, `status`, `key_id`) SELECT t.`id`, 'me', '2fa', k.`id` FROM `tenant` t, `key` k");
      await engine.exec("INSERT INTO `group` (`tenant_id`, `name`, `owner_id`) SELECT `tenant_id`, 'g', `id` FROM `user`");
      await engine.exec('INSERT INTO `group_member` (`tenant_id`, `user_id`, `group_id`) SELECT g.`tenant_id`, g.`owner_id`, g.`id` FROM `group` g');
      await engine.exec('INSERT INTO `order` (`tenant_id`, `user_id`, `number`, `limit`, `placed_at`) SELECT `tenant_id`, `id`, 1, 2.5, NOW(6) FROM `user`');
      await engine.exec('DELETE FROM `order`');
      await engine.exec('DELETE FROM `user`');
      const groups = await engine.query<{ tenant_id: number; owner_id: number | null }>('SELECT `tenant_id`, `owner_id` FROM `group`');
      assert.equal(groups.length, 1, 'the group stays');
      assert.equal(groups[0]!.owner_id, null, 'its owner is cleared');
      assert.ok(groups[0]!.tenant_id > 0, 'its tenant stays');
      const members = await engine.query('SELECT 1 FROM `group_member`');
      assert.equal(members.length, 0, 'memberships of the user are deleted with it');
    });
    assert.equal(result.status, 'checked', JSON.stringify(result));
  });

  it('the features MySQL substitutes work as the substitutions say', async () => {
    const script = await mysqlScript(MYSQL_FEATURES);
    const { result, inspected } = await executeInScratchDatabase(script.sql, server.url!, async (engine) => {
      await engine.exec("INSERT INTO `account` (`email`, `deleted_at`) VALUES ('a@x.example', NOW(6)), ('a@x.example', NOW(6))");
      await engine.exec("INSERT INTO `account` (`email`) VALUES ('a@x.example')");
      await assert.rejects(engine.exec("INSERT INTO `account` (`email`) VALUES ('a@x.example')"), /Duplicate entry .* for key 'account_email_live_key'/);
      await assert.rejects(engine.exec("INSERT INTO `account` (`email`, `score`) VALUES ('b@x.example', 101)"), /account_score_check/);
      const rows = await engine.query<{ id: string; code: number; bio: string; kind: string }>(
        'SELECT `id`, `code`, `bio`, `kind` FROM `account` ORDER BY `code`',
      );
      assert.equal(rows.length, 3);
      for (const row of rows) assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'UUID() fills the id');
      assert.deepEqual(
        rows.map((r) => r.code),
        [1, 2, 3],
        'the sequence is AUTO_INCREMENT',
      );
      assert.equal(rows[0]!.bio, 'none yet');
      assert.equal(rows[0]!.kind, "it's a team");
      const plan = await engine.query<{ key: string | null }>("EXPLAIN SELECT `id` FROM `account` WHERE `account_lower_email_idx_expr1` = 'a@x.example'");
      assert.equal(plan[0]!.key, 'account_lower_email_idx', 'the expression index serves lookups of its generated column');
      return introspect(engine);
    });
    assert.equal(result.status, 'checked', JSON.stringify(result));
    assertSameSchema(MYSQL_FEATURES, inspected!, script);
  });

  it('a statement the server rejects fails the check, names the statement and drops the database', async () => {
    let database = '';
    const sql = 'CREATE TABLE `a` (`id` INT PRIMARY KEY);\n\nCREATE TABLE `b` (`a_id` INT, FOREIGN KEY (`a_id`) REFERENCES `missing` (`id`));\n';
    const { result } = await executeInScratchDatabase(sql, server.url!, async (_engine, name) => {
      database = name;
    });
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.message : '', /^statement 2 of 2 \(CREATE TABLE `b`/);
    assert.match(result.status === 'failed' ? (result.statement ?? '') : '', /REFERENCES `missing`/);
    assert.equal(database, '', 'nothing is read after a failure');
    const names = await (async () => {
      const engine = await connectMysql(server.url!);
      try {
        return (
          await engine.query<{ name: string }>("SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'dbarchitect\\_check\\_%'")
        ).map((r) => r.name);
      } finally {
        await engine.close();
      }
    })();
    assert.deepEqual(names, [], 'no scratch database is left behind');
  });

  it('a user who may not create the scratch database makes the check unavailable, without the password', async () => {
    const url = new URL(server.url!);
    url.password = 'not-the-password-9f3b';
    const { result } = await executeInScratchDatabase('CREATE TABLE `a` (`id` INT PRIMARY KEY);', url.toString());
    assert.equal(result.status, 'unavailable');
    assert.doesNotMatch(JSON.stringify(result), /not-the-password-9f3b/);
  });
});

describe('design --dialect postgres,mysql --check-db on MariaDB', { skip: server.skip }, () => {
  it('writes schema/mysql.sql, records that it ran on MariaDB, and the report lists the substitutions', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-check-db-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'design');
    const run = await runCli(['design', REFERENCE_SPEC, '--dialect', 'postgres,mysql', '--check-db', server.url!, '--no-engine', '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    const password = new URL(server.url!).password;
    if (password) assert.ok(!`${run.stdout}${run.stderr}`.includes(password), 'the password never shows');
    const design = JSON.parse(readFileSync(join(out, 'design.json'), 'utf8'));
    const check = design.ddl.find((c: { dialect: string }) => c.dialect === 'mysql');
    assert.equal(check.file, 'schema/mysql.sql');
    assert.match(check.executedOn, /^MariaDB 1\d\.\d+\.\d+$/);
    assert.equal(check.statements, splitStatements(readFileSync(join(out, 'schema/mysql.sql'), 'utf8')));
    const report = readFileSync(join(out, 'README.md'), 'utf8');
    const section = report.slice(report.indexOf('### `schema/mysql.sql`'));
    assert.match(section, /\*\*executed\*\* on MariaDB/);
    for (const s of check.substitutions as { feature: string }[]) assert.ok(section.includes(`| ${s.feature} |`), s.feature);
    assert.match(section, /\| partial index \| order_tenant_id_placed_at_paid_idx \|/);
  });
});

const splitStatements = (sql: string) => sql.split(/;\n/).filter((s) => s.trim()).length;
