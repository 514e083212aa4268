import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { mysqlIntrospector } from '../src/dialects/mysql/index.js';
import { INDEX_USAGE_SQL, TABLE_WRITES_SQL } from '../src/dialects/mysql/introspect/statistics.js';
import { introspectorFor } from '../src/dialects/registry.js';
import type { SqlSession } from '../src/dialects/session.js';
import type { Engine } from '../src/engines/engine.js';
import { connectMysql } from '../src/engines/mysql.js';
import type { NativeObject, Schema } from '../src/model/schema.js';
import { freshMysqlDatabase, mariadbServer } from './engines.js';
import { RECENT, SHOP_MARIADB } from './introspect-mariadb.expected.js';

const server = mariadbServer();
const FIXTURE = readFileSync(new URL('./fixtures/existing/shop-mariadb.sql', import.meta.url), 'utf8');

/** A fresh database with the shop fixture loaded; returns its URL and name. */
async function shopDatabase(t: TestContext): Promise<{ url: string; name: string }> {
  const url = await freshMysqlDatabase(t, server.url!);
  const writer = await connectMysql(url, { readOnly: false });
  try {
    await writer.exec(FIXTURE);
  } finally {
    await writer.close();
  }
  return { url, name: new URL(url).pathname.slice(1) };
}

async function withEngine<T>(url: string, use: (engine: Engine) => Promise<T>, options = {}): Promise<T> {
  const engine = await connectMysql(url, options);
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}

/** The schema with each table's analyzedAt (checked to be a UTC time of the last hour) as RECENT. */
function withRecentAnalyzedAt(schema: Schema): Schema {
  return {
    ...schema,
    tables: schema.tables.map((table) => {
      const at = table.stats?.analyzedAt;
      if (at === null || at === undefined) return table;
      assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, `${table.name}: analyzedAt is a UTC time`);
      assert.ok(Math.abs(Date.now() - Date.parse(at)) < 3_600_000, `${table.name}: analyzed ${at}, just now`);
      return { ...table, stats: { ...table.stats!, analyzedAt: RECENT } };
    }),
  };
}

/** Counts the statements a session runs. */
function counting(db: SqlSession): SqlSession & { readonly count: () => number } {
  let n = 0;
  return {
    kind: db.kind,
    exec: (sql) => {
      n++;
      return db.exec(sql);
    },
    query: <T>(sql: string, params?: readonly unknown[]) => {
      n++;
      return db.query<T>(sql, params);
    },
    count: () => n,
  };
}

/** How the test takes each kind of native object away again, so its introspected SQL can put it back. */
const UNDO: Readonly<Record<string, (o: NativeObject) => string>> = {
  function: (o) => `DROP FUNCTION \`${o.name}\``,
  index: (o) => `DROP INDEX \`${o.name}\` ON \`${o.table}\``,
  'index-option': (o) => `ALTER TABLE \`${o.table}\` ALTER INDEX \`${o.name}\` NOT IGNORED`,
  'on-update': (o) => `ALTER TABLE \`${o.table}\` MODIFY \`${o.name.split('.')[1]}\` timestamp NOT NULL DEFAULT current_timestamp()`,
  partitioning: (o) => `ALTER TABLE \`${o.table}\` REMOVE PARTITIONING`,
  'storage-engine': (o) => `ALTER TABLE \`${o.table}\` ENGINE=InnoDB`,
  trigger: (o) => `DROP TRIGGER \`${o.name}\``,
  view: (o) => `DROP VIEW \`${o.name}\``,
};

/** How a native object's SQL is run: a PARTITION BY clause belongs to an ALTER TABLE. */
const redo = (o: NativeObject) => (o.kind === 'partitioning' ? `ALTER TABLE \`${o.table}\` ${o.sql}` : o.sql);

describe('MySQL/MariaDB introspection on MariaDB', { skip: server.skip }, () => {
  it('reads the shop fixture into the model exactly, on a read-only session, with a fixed number of queries', async (t) => {
    const { url, name } = await shopDatabase(t);
    await withEngine(url, async (engine) => {
      const db = counting(engine);
      const result = await mysqlIntrospector.introspect(db);
      assert.match(result.serverVersion, /^MariaDB \d+\.\d+\.\d+$/);
      assert.deepEqual(result.namespaces, [name]);
      assert.match(result.statsSince ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Date.parse(result.statsSince!) <= Date.now() + 5_000, 'the server started before now');
      assert.deepEqual(withRecentAnalyzedAt(result.schema), SHOP_MARIADB);
      // One query per concern over every table at once, whatever their number (two more where performance_schema is on).
      assert.equal(db.count(), 18);
      assert.equal(await engine.query<{ n: number }>('SELECT @@tx_read_only AS n').then((r) => r[0]?.n), 1, 'the session only reads');
    });
  });

  it('is the registry’s reader for mysql', () => {
    assert.equal(introspectorFor('mysql'), mysqlIntrospector);
  });

  it('the SQL of every native object puts that object back, so nothing the model cannot say is lost', async (t) => {
    const { url } = await shopDatabase(t);
    const before = await withEngine(url, (engine) => mysqlIntrospector.introspect(engine));
    const native = before.schema.native ?? [];
    assert.deepEqual([...new Set(native.map((o) => o.kind))].sort(), Object.keys(UNDO).sort(), 'the fixture has every kind the test can undo');
    await withEngine(
      url,
      async (writer) => {
        for (const object of native) {
          await writer.exec(UNDO[object.kind]!(object));
          await writer.exec(redo(object));
        }
      },
      { readOnly: false },
    );
    const after = await withEngine(url, (engine) => mysqlIntrospector.introspect(engine));
    const shape = (schema: Schema) => ({
      ...schema,
      tables: schema.tables.map(({ stats: _, ...table }) => ({ ...table, indexes: table.indexes.map(({ stats: __, ...i }) => i) })),
    });
    assert.deepEqual(shape(after.schema), shape(before.schema));
  });

  it('writes each partitioning method so that it puts the partitions back', async (t) => {
    const url = await freshMysqlDatabase(t, server.url!);
    const tables = [
      "CREATE TABLE by_range_columns (d date NOT NULL, k varchar(5) NOT NULL) PARTITION BY RANGE COLUMNS (d, k) (PARTITION a VALUES LESS THAN ('2025-01-01', 'm'), PARTITION b VALUES LESS THAN (MAXVALUE, MAXVALUE))",
      'CREATE TABLE by_list (n int NOT NULL) PARTITION BY LIST (n % 3) (PARTITION r0 VALUES IN (0), PARTITION r12 VALUES IN (1, 2))',
      'CREATE TABLE by_hash (n int NOT NULL) PARTITION BY HASH (n) PARTITIONS 2',
      'CREATE TABLE by_linear_hash (n int NOT NULL) PARTITION BY LINEAR HASH (n) PARTITIONS 3',
      'CREATE TABLE by_linear_key (n int NOT NULL PRIMARY KEY) PARTITION BY LINEAR KEY (n) PARTITIONS 2',
      'CREATE TABLE by_range_sub (n int NOT NULL, d date NOT NULL) PARTITION BY RANGE (n) SUBPARTITION BY KEY (d) SUBPARTITIONS 2 (PARTITION low VALUES LESS THAN (10), PARTITION high VALUES LESS THAN MAXVALUE)',
    ];
    await withEngine(url, (writer) => writer.exec(tables.join(';\n')), { readOnly: false });
    const partitioning = async () =>
      (await withEngine(url, (engine) => mysqlIntrospector.introspect(engine))).schema.native!.filter((o) => o.kind === 'partitioning');
    const before = await partitioning();
    assert.deepEqual(
      before.map((o) => o.sql),
      [
        'PARTITION BY HASH (`n`) (PARTITION `p0`, PARTITION `p1`)',
        'PARTITION BY LINEAR HASH (`n`) (PARTITION `p0`, PARTITION `p1`, PARTITION `p2`)',
        'PARTITION BY LINEAR KEY(`n`) (PARTITION `p0`, PARTITION `p1`)',
        'PARTITION BY LIST (`n` MOD 3) (PARTITION `r0` VALUES IN (0), PARTITION `r12` VALUES IN (1,2))',
        "PARTITION BY RANGE COLUMNS(`d`,`k`) (PARTITION `a` VALUES LESS THAN ('2025-01-01','m'), PARTITION `b` VALUES LESS THAN (MAXVALUE,MAXVALUE))",
        'PARTITION BY RANGE (`n`) SUBPARTITION BY KEY (`d`) SUBPARTITIONS 2 (PARTITION `low` VALUES LESS THAN (10), PARTITION `high` VALUES LESS THAN MAXVALUE)',
      ],
    );
    await withEngine(
      url,
      async (writer) => {
        for (const object of before) await writer.exec(`${UNDO.partitioning!(object)}; ${redo(object)}`);
      },
      { readOnly: false },
    );
    assert.deepEqual(await partitioning(), before);
  });

  it('reads another database by name, its tables and objects named with it', async (t) => {
    const { name } = await shopDatabase(t);
    await withEngine(server.url!, async (engine) => {
      const result = await mysqlIntrospector.introspect(engine, { namespaces: [name] });
      assert.deepEqual(result.namespaces, [name]);
      const customer = result.schema.tables.find((table) => table.name === 'customer')!;
      assert.equal(customer.namespace, name);
      assert.deepEqual(customer.columns.find((c) => c.name === 'tier')!.type, { kind: 'enum', name: `${name}.customer_tier` });
      assert.deepEqual(
        result.schema.enums.map((e) => e.name),
        [`${name}.customer_tier`],
      );
      assert.deepEqual(result.schema.native!.find((o) => o.kind === 'view')!.name, `${name}.customer_spend`);
      assert.deepEqual(result.schema.native!.find((o) => o.kind === 'trigger')!.table, `${name}.order_line`);
      assert.equal(
        result.schema.tables.find((table) => table.name === 'orders')!.foreignKeys[0]!.refTable,
        'customer',
        'a reference within one database keeps the bare name',
      );
    });
  });

  it('reads every database the user sees when the URL names none, leaving out the system ones', async (t) => {
    const { name } = await shopDatabase(t);
    const bare = new URL(server.url!);
    bare.pathname = '/';
    await withEngine(bare.toString(), async (engine) => {
      const result = await mysqlIntrospector.introspect(engine);
      assert.ok(result.namespaces.includes(name), `${name} in ${result.namespaces.join(', ')}`);
      for (const system of ['information_schema', 'mysql', 'performance_schema', 'sys']) assert.ok(!result.namespaces.includes(system));
      assert.deepEqual(result.namespaces, [...result.namespaces].sort(), 'in name order');
      assert.ok(result.schema.tables.filter((table) => table.namespace === name).length === SHOP_MARIADB.tables.length);
    });
  });

  it('with performance_schema off, index usage is not counted: scans and writes are null, and its queries still run', async (t) => {
    const { url, name } = await shopDatabase(t);
    await withEngine(url, async (engine) => {
      const [flag] = await engine.query<{ on: number }>('SELECT @@performance_schema AS `on`');
      const result = await mysqlIntrospector.introspect(engine);
      const orders = result.schema.tables.find((table) => table.name === 'orders')!;
      if (Number(flag?.on) === 1) {
        assert.equal(typeof orders.stats!.writes, 'number');
        assert.equal(typeof orders.indexes[0]!.stats!.scans, 'number');
      } else {
        assert.equal(orders.stats!.writes, null);
        assert.equal(orders.indexes[0]!.stats!.scans, null);
      }
      // The queries read when it is on (CI's grant covers performance_schema): they run, and hold no rows while it is off.
      const uses = await engine.query(INDEX_USAGE_SQL, [[name]]);
      const writes = await engine.query(TABLE_WRITES_SQL, [[name]]);
      if (Number(flag?.on) !== 1) assert.deepEqual([uses, writes], [[], []]);
    });
  });
});
