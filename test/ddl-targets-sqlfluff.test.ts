import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import type { DdlScript } from '../src/dialects/ddl-target.js';
import { getDdlTarget } from '../src/dialects/targets.js';
import { ddlCheckerFor } from '../src/engines/ddl-checkers/index.js';
import { type PgliteEngine, startPglite } from '../src/engines/pglite.js';
import { parseScript } from '../src/engines/ddl-checkers/sqlfluff-checker.js';
import { type SqlfluffParse, sqlfluffVersion } from '../src/engines/sqlfluff.js';
import type { Schema } from '../src/model/schema.js';
import { REFERENCE_SPEC, ROOT } from './helpers.js';

/**
 * SQL Server, Oracle and CockroachDB have no engine here: their scripts are parsed by
 * sqlfluff (tsql, oracle and postgres dialects) for the reference spec, the team's
 * shared specs and a fixture of keyword names and composite keys, and the parse tree must hold one CREATE TABLE per table. The CockroachDB script also runs on PGlite, but for its CockroachDB-only parts (see below).
 */
const required = process.env.DBARCHITECT_REQUIRE_SERVERS === '1';
const installed = (await sqlfluffVersion()) !== undefined;
if (required && !installed) throw new Error('DBARCHITECT_REQUIRE_SERVERS=1 but sqlfluff is not installed: apt-get install sqlfluff');
const skip = installed ? false : 'sqlfluff is not installed (apt-get install sqlfluff)';

const TARGETS = [
  { name: 'sqlserver', dialect: 'tsql' },
  { name: 'oracle', dialect: 'oracle' },
  { name: 'cockroachdb', dialect: 'postgres' },
] as const;
const KEYWORDS = join(ROOT, 'test', 'fixtures', 'ddl-keywords.yaml');
const SHARED = join(ROOT, '..', 'shared', 'specs');
const sharedSpecs = existsSync(SHARED)
  ? readdirSync(SHARED)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(SHARED, f))
  : [];
// A shared spec with the reference spec's text is the same test.
const SPECS = [REFERENCE_SPEC, KEYWORDS, ...sharedSpecs].filter(
  (file, i, all) => all.findIndex((other) => readFileSync(other, 'utf8') === readFileSync(file, 'utf8')) === i,
);
// ClickHouse's script has its own test (test/clickhouse-target.test.ts): its checker names the clauses sqlfluff cannot read.
const CASES = SPECS.flatMap((file) => TARGETS.map((target) => ({ file, target })));
const GOLDEN = join(ROOT, 'test', 'golden', 'saas-shop', 'schema');
const update = process.env.UPDATE_GOLDEN === '1';

interface Emitted {
  readonly schema: Schema;
  readonly script: DdlScript;
  readonly parse: Promise<SqlfluffParse>;
}

/** sqlfluff is slow (tens of seconds a script): two at a time, one per core. */
function pool(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

const specName = (file: string) => file.replace(/^.*\//, '').replace(/\.yaml$/, '');
const emitted = new Map<string, Emitted>();
const count = (sql: string, pattern: RegExp) => (sql.match(pattern) ?? []).length;

describe('SQL Server, Oracle and CockroachDB scripts parse with sqlfluff', { skip }, () => {
  before(async () => {
    const run = pool(2);
    const designs = new Map<string, Schema>();
    for (const { file, target: t } of CASES) {
      if (!designs.has(file)) {
        const result = await designFromFile(file);
        assert.ok(result.ok, `${file} designs`);
        designs.set(file, result.design.schema);
      }
      const schema = designs.get(file)!;
      const target = getDdlTarget(t.name)!;
      await target.prepare();
      const script = target.emitSchema(schema);
      emitted.set(`${specName(file)}/${t.name}`, { schema, script, parse: run(() => parseScript(script.sql, t.dialect)) });
    }
  });

  for (const { file, target: t } of CASES)
    it(`${specName(file)}: the ${t.name} script parses (${t.dialect} dialect), one CREATE TABLE per table`, async () => {
      const { schema, script, parse } = emitted.get(`${specName(file)}/${t.name}`)!;
      const parsed = await parse;
      assert.equal(parsed.status, 'parsed', JSON.stringify(parsed));
      assert.ok(parsed.status === 'parsed');
      assert.equal(parsed.kinds.create_table_statement, schema.tables.length, JSON.stringify(parsed.kinds));
      assert.equal(parsed.kinds.create_index_statement ?? 0, count(script.sql, /^CREATE (UNIQUE )?INDEX /gm));
      assert.equal(parsed.statements, script.statements, 'sqlfluff reads the statements the emitter wrote');
      assert.match(parsed.parser, new RegExp(`^sqlfluff \\d+\\.\\d+\\.\\d+ \\(${t.dialect} dialect\\)$`));
    });

  for (const t of TARGETS)
    it(`the reference spec's ${t.name} script matches its golden file`, () => {
      const { script } = emitted.get(`saas-shop/${t.name}`)!;
      const path = join(GOLDEN, `${t.name}.sql`);
      if (update) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, script.sql);
        return;
      }
      assert.ok(existsSync(path), `missing ${path}: run UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/ddl-targets-sqlfluff.test.ts and review it`);
      assert.equal(script.sql, readFileSync(path, 'utf8'), `${path} differs; if intended, UPDATE_GOLDEN=1 and review the diff`);
    });
});

const subsOf = (key: string) => emitted.get(key)!.script.substitutions;
const sqlOf = (key: string) => emitted.get(key)!.script.sql;
const find = (key: string, feature: string, object: string) => subsOf(key).find((s) => s.feature === feature && s.object === object);

describe('what each target writes for the reference spec, and what it substitutes', { skip }, () => {
  it('a partial index is a filtered index in SQL Server and CockroachDB, a full index with a substitution in Oracle', () => {
    assert.match(
      sqlOf('saas-shop/sqlserver'),
      /CREATE INDEX \[order_tenant_id_placed_at_paid_idx\] ON \[order\] \(\[tenant_id\], \[placed_at\]\) WHERE \[status\] = N'paid';/,
    );
    assert.equal(find('saas-shop/sqlserver', 'partial index', 'order.order_tenant_id_placed_at_paid_idx'), undefined);
    assert.match(sqlOf('saas-shop/cockroachdb'), /CREATE INDEX order_tenant_id_placed_at_paid_idx ON "order" \(tenant_id, placed_at\) WHERE status = 'paid';/);
    assert.match(sqlOf('saas-shop/oracle'), /CREATE INDEX ORDER_TENANT_ID_PLACED_AT_PAID_IDX ON "ORDER" \(TENANT_ID, PLACED_AT\);/);
    assert.ok(find('saas-shop/oracle', 'partial index', 'order.order_tenant_id_placed_at_paid_idx'));
  });

  it('INCLUDE stays INCLUDE in SQL Server and CockroachDB (STORING’s alias); Oracle adds the columns to the key and says so', () => {
    assert.match(sqlOf('saas-shop/sqlserver'), /ON \[order_line\] \(\[tenant_id\], \[order_id\]\) INCLUDE \(\[product_id\], \[quantity\], \[unit_price\]\);/);
    assert.match(sqlOf('saas-shop/cockroachdb'), /ON order_line \(tenant_id, order_id\) INCLUDE \(product_id, quantity, unit_price\);/);
    assert.match(sqlOf('saas-shop/oracle'), /ON ORDER_LINE \(TENANT_ID, ORDER_ID, PRODUCT_ID, QUANTITY, UNIT_PRICE\);/);
    assert.ok(find('saas-shop/oracle', 'INCLUDE columns', 'order_line.order_line_tenant_id_order_id_idx'));
  });

  it('row-level security is a substitution on every tenant-scoped table in all three', () => {
    for (const t of TARGETS)
      for (const table of ['customer', 'order', 'payment']) assert.ok(find(`saas-shop/${t.name}`, 'row-level security', table), `${t.name} ${table}`);
  });

  it('SQL Server writes the triggers in their own batches; Oracle and CockroachDB 23 substitute them', () => {
    assert.match(sqlOf('saas-shop/sqlserver'), /\nGO\nCREATE TRIGGER \[order_history_trigger\] ON \[order\] AFTER UPDATE, DELETE AS\n/);
    assert.match(sqlOf('saas-shop/sqlserver'), /MERGE INTO \[inventory_event_snapshot\] AS \[s\]/);
    for (const name of ['oracle', 'cockroachdb']) {
      assert.ok(find(`saas-shop/${name}`, 'history trigger', 'order_history_trigger'), name);
      assert.ok(find(`saas-shop/${name}`, 'running-total trigger', 'inventory_event_snapshot_trigger'), name);
      assert.doesNotMatch(sqlOf(`saas-shop/${name}`), /CREATE TRIGGER/);
    }
  });

  it('json is checked with ISJSON in SQL Server; a nullable column in a composite unique key becomes a filtered unique index there', () => {
    assert.match(sqlOf('saas-shop/sqlserver'), /CONSTRAINT \[product_attributes_json_check\] CHECK \(ISJSON\(\[attributes\]\) = 1\)/);
    assert.match(
      sqlOf('saas-shop/sqlserver'),
      /CREATE UNIQUE INDEX \[order_tenant_id_idempotency_key_key\] ON \[order\] \(\[tenant_id\], \[idempotency_key\]\) WHERE \[idempotency_key\] IS NOT NULL;/,
    );
    assert.ok(find('saas-shop/oracle', 'composite unique key with a nullable column', 'order.order_tenant_id_idempotency_key_key'));
  });

  it('Oracle: sequences for identities, TIMESTAMP in UTC in a key (ORA-02329), booleans NUMBER(1) checked', () => {
    assert.match(sqlOf('saas-shop/oracle'), /^CREATE SEQUENCE ORDER_ID_SEQ;$/m);
    assert.ok(find('saas-shop/oracle', 'identity column', 'order.id'));
    assert.match(sqlOf('saas-shop/oracle'), /\n {2}OCCURRED_AT TIMESTAMP NOT NULL,\n/);
    assert.ok(find('saas-shop/oracle', 'TIMESTAMP WITH TIME ZONE in a key', 'inventory_event.occurred_at'));
    assert.match(sqlOf('saas-shop/oracle'), /MARKETING_OPT_IN NUMBER\(1\) DEFAULT 0 NOT NULL/);
    assert.match(sqlOf('saas-shop/oracle'), /CONSTRAINT CUSTOMER_MARKETING_OPT_IN_BOOL_CHECK CHECK \(MARKETING_OPT_IN IN \(0, 1\)\)/);
  });

  it('CockroachDB: 64-bit keys from unordered_unique_rowid(), ENUM types, retention as row-level TTL', () => {
    assert.match(sqlOf('saas-shop/cockroachdb'), /\n {2}id INT8 NOT NULL DEFAULT unordered_unique_rowid\(\),\n/);
    assert.ok(find('saas-shop/cockroachdb', 'sequential identity', 'order.id'));
    assert.match(sqlOf('saas-shop/cockroachdb'), /^CREATE TYPE order_status AS ENUM \('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'\);$/m);
    assert.match(sqlOf('saas-shop/cockroachdb'), /\) WITH \(ttl_expiration_expression = 'occurred_at \+ INTERVAL ''\d+ seconds'''\);/);
    assert.ok(find('saas-shop/cockroachdb', 'range partitioning by month', 'inventory_event'));
  });
});

describe('keyword names and cascade paths', { skip }, () => {
  it('keyword names are quoted the way of each dialect', () => {
    assert.match(sqlOf('ddl-keywords/sqlserver'), /CREATE TABLE \[user\] \(\n {2}\[id\] bigint IDENTITY\(1,1\) NOT NULL,/);
    assert.match(sqlOf('ddl-keywords/sqlserver'), /\[key\] nvarchar\(40\) NOT NULL,\n {2}\[level\] int NOT NULL,\n {2}\[comment\] nvarchar\(max\) NULL,/);
    assert.match(sqlOf('ddl-keywords/oracle'), /CREATE TABLE "USER" \(/);
    assert.match(sqlOf('ddl-keywords/oracle'), /\n {2}"LEVEL" NUMBER\(10\) NOT NULL,\n {2}"COMMENT" CLOB,/);
    assert.match(sqlOf('ddl-keywords/oracle'), /CREATE TABLE "LEVEL" \(/);
    assert.match(sqlOf('ddl-keywords/cockroachdb'), /CREATE TABLE "group" \(/);
    assert.match(sqlOf('ddl-keywords/cockroachdb'), /\n {2}"index" INT4,\n/);
  });

  it('SQL Server refuses a second cascade path into order: that key is NO ACTION, with the path in the substitution', () => {
    const sub = find('ddl-keywords/sqlserver', 'ON DELETE CASCADE on a second cascade path', 'order.order_group_id_fkey');
    assert.ok(sub);
    assert.match(sub.alternative, /user -> order already cascades/);
    assert.match(
      sqlOf('ddl-keywords/sqlserver'),
      /CONSTRAINT \[order_group_id_fkey\] FOREIGN KEY \(\[tenant_id\], \[group_id\]\) REFERENCES \[group\] \(\[tenant_id\], \[id\]\),?\n/,
    );
    assert.match(
      sqlOf('ddl-keywords/sqlserver'),
      /CONSTRAINT \[order_user_id_fkey\] FOREIGN KEY \(\[tenant_id\], \[user_id\]\) REFERENCES \[user\] \(\[tenant_id\], \[id\]\) ON DELETE CASCADE/,
    );
    // Oracle and CockroachDB take both paths.
    assert.match(
      sqlOf('ddl-keywords/oracle'),
      /CONSTRAINT ORDER_GROUP_ID_FKEY FOREIGN KEY \(TENANT_ID, GROUP_ID\) REFERENCES "GROUP" \(TENANT_ID, ID\) ON DELETE CASCADE/,
    );
  });

  it('SET NULL of the reference column alone (the tenant stays) is a substitution in all three', () => {
    for (const t of TARGETS) assert.ok(find(`ddl-keywords/${t.name}`, 'ON DELETE SET NULL of some columns', 'order.order_reviewer_id_fkey'), t.name);
  });
});

describe('the sqlfluff checker', { skip }, () => {
  it('reports a broken script failed at its first unparsable line and column, with the statement', async () => {
    const lines = sqlOf('ddl-keywords/oracle').split('\n');
    const at = lines.findIndex((l) => l.startsWith('CREATE TABLE "GROUP"'));
    lines[at] = 'CREATE TABLE "GROUP" (( BROKEN';
    const result = await ddlCheckerFor('oracle')!.check(lines.join('\n'), {});
    assert.equal(result.status, 'failed');
    assert.ok(result.status === 'failed');
    assert.match(result.message, new RegExp(`^sqlfluff \\(oracle dialect\\) could not parse line ${at + 1}:22: `));
    assert.match(result.statement ?? '', /^CREATE TABLE "GROUP" \(\( BROKEN\n/);
  });

  it('reports a T-SQL failure at its line in the whole script, past the first piece parsed apart', async () => {
    const tables = Array.from({ length: 130 }, (_, i) => `CREATE TABLE [t${i}] ([id] int NOT NULL);`);
    const sql = [...tables, 'GO', 'CREATE VIEW [v] AS SELECT [id] FROM [t0];', 'GO', 'CREATE VIEW [w] AS AS SELECT 1;', 'GO', ''].join('\n');
    const result = await ddlCheckerFor('sqlserver')!.check(sql, {});
    assert.ok(result.status === 'failed', JSON.stringify(result));
    assert.match(result.message, /could not parse line 134:\d+: /);
    assert.equal(result.statement, 'CREATE VIEW [w] AS AS SELECT 1;');
  });

  it('checks a script it parses: tier parsed, never executed, with the statements and the parser', async () => {
    const checker = ddlCheckerFor('sqlserver')!;
    assert.equal(checker.tier, 'parsed');
    const result = await checker.check(
      'CREATE TABLE [order] ([id] bigint IDENTITY(1,1) NOT NULL);\nGO\nCREATE VIEW [v] AS SELECT [id] FROM [order];\nGO\n',
      {},
    );
    assert.equal(result.status, 'checked');
    assert.ok(result.status === 'checked');
    assert.equal(result.statements, 2);
    assert.equal(result.executedOn, undefined);
    assert.match(result.parsedBy, /^sqlfluff \d+\.\d+\.\d+ \(tsql dialect\)$/);
  });
});

/**
 * The CockroachDB script on PostgreSQL (PGlite). CockroachDB-only, and so only parsed: the built-in
 * `unordered_unique_rowid()` (defined here as a stand-in) and the row-level TTL storage parameter
 * `WITH (ttl_expiration_expression = …)` (removed here). Everything else runs as written.
 */
describe('the CockroachDB script runs on PostgreSQL but for its CockroachDB-only parts', () => {
  let pg: PgliteEngine;
  before(async () => {
    pg = await startPglite();
  });
  after(async () => {
    await pg?.close();
  });

  for (const file of [REFERENCE_SPEC, KEYWORDS])
    it(`${specName(file)}`, async () => {
      const result = await designFromFile(file);
      assert.ok(result.ok);
      const target = getDdlTarget('cockroachdb')!;
      const sql = target.emitSchema(result.design.schema).sql.replace(/ WITH \(ttl_expiration_expression = '(?:[^']|'')*'\)/g, '');
      const schema = `crdb_${specName(file).replace(/-/g, '_')}`;
      await pg.exec(
        `CREATE SCHEMA ${schema}; SET search_path TO ${schema};\nCREATE FUNCTION unordered_unique_rowid() RETURNS bigint LANGUAGE sql AS $$ SELECT (random() * 9e18)::bigint $$;`,
      );
      await pg.exec(sql);
      const tables = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [schema]);
      assert.equal(tables[0]!.n, result.design.schema.tables.length);
      const indexes = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE $2', [
        schema,
        '% WHERE %',
      ]);
      assert.equal(indexes[0]!.n, result.design.schema.tables.flatMap((t) => t.indexes).filter((i) => i.where.length > 0).length, 'partial indexes');
      await pg.exec('SET search_path TO public');
    });
});
