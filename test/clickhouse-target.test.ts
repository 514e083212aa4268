import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { getDdlTarget } from '../src/dialects/targets.js';
import { clickhouseChecker } from '../src/engines/ddl-checkers/clickhouse.js';
import { sqlfluffVersion } from '../src/engines/sqlfluff.js';
import { compareGolden } from './golden-file.js';
import { ROOT } from './helpers.js';

/**
 * The ClickHouse target: the tables ClickHouse's own guidance asks for (engine by how rows change,
 * sorting key from the access patterns, time partitions, TTL from retention), each example's script
 * parsed by sqlfluff's clickhouse dialect, and what ClickHouse lacks stated, never dropped.
 */
const required = process.env.DBARCHITECT_REQUIRE_SERVERS === '1';
const installed = (await sqlfluffVersion()) !== undefined;
if (required && !installed) throw new Error('DBARCHITECT_REQUIRE_SERVERS=1 but sqlfluff is not installed: apt-get install sqlfluff');
const skip = installed ? false : 'sqlfluff is not installed (apt-get install sqlfluff)';

const clickhouse = getDdlTarget('clickhouse')!;
const EXAMPLES = [
  ...readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'examples', f)),
  // Keyword names (user, key, level, comment), composite keys and references.
  join(ROOT, 'test/fixtures/ddl-keywords.yaml'),
];
const IOT = join(ROOT, 'examples/iot-telemetry.yaml');
const SHOP = join(ROOT, 'examples/saas-shop.yaml');

async function compiled(file: string) {
  const result = await designFromFile(file, { targets: [clickhouse] });
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  const sql = result.artifacts.find((a) => a.path === 'schema/clickhouse.sql')?.content;
  assert.ok(sql, 'schema/clickhouse.sql is written');
  const check = result.design.ddl.find((c) => c.dialect === 'clickhouse')!;
  return { result, sql, check, statement: (name: string) => new RegExp(`CREATE TABLE "${name}"\\n\\([\\s\\S]*?\\n\\)\\n[\\s\\S]*?;`).exec(sql)?.[0] ?? '' };
}

describe('ClickHouse target', () => {
  it('the IoT telemetry readings: MergeTree by device and time, daily partitions, 90-day TTL that drops whole parts, time-series codecs', async () => {
    const { statement, check } = await compiled(IOT);
    const reading = statement('reading');
    assert.match(
      reading,
      /ENGINE = MergeTree\nPARTITION BY toYYYYMMDD\("taken_at"\)\nORDER BY \("device_id", "taken_at"\)\nTTL toDateTime\("taken_at"\) \+ INTERVAL 90 DAY\nSETTINGS ttl_only_drop_parts = 1;/,
    );
    assert.match(reading, /"taken_at" DateTime64\(6, 'UTC'\) CODEC\(DoubleDelta, ZSTD\(1\)\)/);
    assert.match(reading, /"value" Float64 CODEC\(Gorilla, ZSTD\(1\)\)/);
    assert.match(reading, /"metric" Enum8\('temperature' = 1, 'humidity' = 2, 'pressure' = 3, 'voltage' = 4\)/);
    assert.match(reading, /"idempotency_key" Nullable\(UUID\)/);
    // The BRIN index for the hourly rollup's time ranges is a minmax skipping index; the patterns' B-tree became the sorting key.
    assert.match(reading, /INDEX "reading_taken_at_brin" "taken_at" TYPE minmax GRANULARITY 1/);
    assert.doesNotMatch(reading, /reading_device_id_taken_at_idx/);
    assert.match(statement('device'), /ENGINE = ReplacingMergeTree\nORDER BY \("id"\);/);
    const features = (check.substitutions ?? []).map((s) => `${s.feature}: ${s.object}`);
    for (const expected of [
      'foreign key: reading.reading_device_id_fkey',
      'unique constraint: reading.reading_idempotency_key_taken_at_key',
      'identity column: reading.id',
      'UPDATE and DELETE: device',
    ])
      assert.ok(features.includes(expected), `${expected} in ${features.join('; ')}`);
  });

  it('the IoT spec chooses ClickHouse, so design writes its schema by default and the report points to it', async () => {
    const result = await designFromFile(IOT);
    assert.ok(result.ok);
    assert.equal(result.design.technology.choice, 'clickhouse');
    assert.ok(result.artifacts.some((a) => a.path === 'schema/clickhouse.sql'));
    const report = result.artifacts.find((a) => a.path === 'README.md')!.content;
    assert.match(report, /\*\*The ClickHouse schema is `schema\/clickhouse.sql`\*\*/);
    assert.doesNotMatch(report, /schema is missing/);
    assert.match(report, /## Other dialects\n\n### `schema\/clickhouse.sql`/);
  });

  it('the reference spec: history tables append by key and time, running totals become a materialized view, an aggregate over changing rows is not written and says why', async () => {
    const { statement, sql, check } = await compiled(SHOP);
    assert.match(statement('order_history'), /ENGINE = MergeTree\nORDER BY \("tenant_id", "id", "history_at"\)/);
    assert.match(statement('order'), /ENGINE = ReplacingMergeTree\("updated_at"\)\nORDER BY \("tenant_id", "id"\)/);
    assert.match(statement('inventory_event_snapshot'), /ENGINE = AggregatingMergeTree/);
    assert.match(statement('inventory_event_snapshot'), /"sum_delta" SimpleAggregateFunction\(sum, Int64\)/);
    assert.match(
      sql,
      /CREATE MATERIALIZED VIEW "inventory_event_snapshot_trigger_mv" TO "inventory_event_snapshot"\nAS SELECT "tenant_id", "product_id", CAST\(sum\("delta"\) AS Int64\) AS "sum_delta"/,
    );
    assert.doesNotMatch(sql, /daily_revenue_mv/);
    const daily = check.substitutions?.find((s) => s.object === 'daily_revenue_mv');
    assert.match(daily?.alternative ?? '', /would count each version/);
    // A keyword table name is quoted everywhere.
    assert.match(sql, /CREATE TABLE "order"\n/);
  });

  it('is deterministic, and the reference spec matches its golden file', async () => {
    const a = await compiled(SHOP);
    const b = await compiled(SHOP);
    assert.equal(a.sql, b.sql);
    compareGolden(join(ROOT, 'test/golden/saas-shop/schema/clickhouse.sql'), a.sql);
  });
});

describe('ClickHouse DDL parsed by sqlfluff', { skip }, () => {
  for (const file of EXAMPLES)
    it(`${file.split('/').pop()}: parsed, with the clauses beyond sqlfluff's grammar named`, async () => {
      const { check, sql } = await compiled(file);
      assert.equal(check.notChecked, undefined, check.notChecked);
      assert.match(check.parsedBy ?? '', /^sqlfluff \d+\.\d+\.\d+ \(clickhouse dialect\)/);
      assert.equal(check.statements, (sql.match(/^CREATE TABLE /gm) ?? []).length, 'every CREATE TABLE is parsed');
      if (/^\s+INDEX /m.test(sql)) assert.match(check.parsedBy!, /\d+ data-skipping INDEX/);
    });

  it('a broken statement fails at its own line, not the line of the script sqlfluff read', async () => {
    const sql = [
      'CREATE TABLE "a"',
      '(',
      '  "id" Int64 COMMENT \'x\',',
      '  INDEX "i" "id" TYPE minmax GRANULARITY 1',
      ')',
      'ENGINE = MergeTree',
      'ORDER BY ("id");',
      '',
      'CREATE TABLE "b" ("id" Int64) ENGINE = MergeTree ORDER BY ("id") NONSENSE HERE;',
      '',
    ].join('\n');
    const result = await clickhouseChecker.check(sql, {});
    assert.equal(result.status, 'failed');
    assert.ok(result.status === 'failed');
    assert.match(result.message, /^line 9: /);
    assert.match(result.statement ?? '', /^CREATE TABLE "b"/);
  });

  it('counts what it could not read: a materialized view is not counted as parsed', async () => {
    const sql = 'CREATE TABLE "a" ("k" Int64) ENGINE = MergeTree ORDER BY ("k");\n\nCREATE MATERIALIZED VIEW "v" TO "a"\nAS SELECT "k" FROM "a";\n';
    const result = await clickhouseChecker.check(sql, {});
    assert.ok(result.status === 'checked', JSON.stringify(result));
    assert.equal(result.statements, 1);
    assert.match(result.parsedBy, /not checked, beyond its grammar: 1 CREATE MATERIALIZED VIEW$/);
  });
});
