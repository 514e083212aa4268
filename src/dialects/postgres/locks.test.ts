import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { freshSchema, sharedEngine } from '../../../test/engines.js';
import { loadPgParser, parsePg } from '../../sql/pg-parser.js';
import { TABLE_LOCK_MODES, type TableLockMode } from '../locks.js';
import { defaultVolatility, locksOf } from './locks.js';

const statement = (sql: string) => {
  const parsed = parsePg(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.result.stmts![0]!.stmt!;
};
/** Each lock as `action | relation | mode | work`, the way the documentation's table reads. */
const locks = (sql: string) =>
  locksOf(statement(sql)).map((l) => `${l.action} | ${l.relation} | ${l.mode} | ${l.work}${l.inTransaction ? '' : ' | no transaction'}`);

before(loadPgParser);

describe('PostgreSQL lock levels per DDL statement', () => {
  const cases: [string, string[]][] = [
    ['CREATE INDEX i ON app.t (a)', ['CREATE INDEX | app.t | Share | scan']],
    ['CREATE INDEX CONCURRENTLY i ON t (a)', ['CREATE INDEX CONCURRENTLY | t | ShareUpdateExclusive | scan | no transaction']],
    ['DROP INDEX i', ['DROP INDEX | i | AccessExclusive | metadata']],
    ['DROP INDEX CONCURRENTLY i', ['DROP INDEX CONCURRENTLY | i | ShareUpdateExclusive | metadata | no transaction']],
    ['REINDEX INDEX i', ['REINDEX | i | AccessExclusive | rewrite']],
    ['REINDEX TABLE t', ['REINDEX | t | Share | scan']],
    ['REINDEX INDEX CONCURRENTLY i', ['REINDEX … CONCURRENTLY | i | ShareUpdateExclusive | rewrite | no transaction']],
    ['ALTER TABLE t ADD COLUMN b int', ['ADD COLUMN | t | AccessExclusive | metadata']],
    ["ALTER TABLE t ADD COLUMN b text DEFAULT 'x'", ['ADD COLUMN … DEFAULT constant | t | AccessExclusive | metadata']],
    ['ALTER TABLE t ADD COLUMN b timestamptz DEFAULT now()', ['ADD COLUMN … DEFAULT constant | t | AccessExclusive | metadata']],
    ['ALTER TABLE t ADD COLUMN b float8 DEFAULT random()', ['ADD COLUMN … DEFAULT volatile | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ADD COLUMN b uuid DEFAULT gen_random_uuid()', ['ADD COLUMN … DEFAULT volatile | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ADD COLUMN b int DEFAULT my_fn()', ['ADD COLUMN … DEFAULT function | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ADD COLUMN b bigserial', ['ADD COLUMN serial | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ADD COLUMN b bigint GENERATED ALWAYS AS IDENTITY', ['ADD COLUMN … GENERATED AS IDENTITY | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED', ['ADD COLUMN … GENERATED ALWAYS AS … STORED | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ALTER COLUMN a TYPE bigint', ['ALTER COLUMN … TYPE | t | AccessExclusive | rewrite']],
    ['ALTER TABLE t ALTER COLUMN a SET NOT NULL', ['ALTER COLUMN … SET NOT NULL | t | AccessExclusive | scan']],
    ['ALTER TABLE t ALTER COLUMN a DROP NOT NULL', ['ALTER COLUMN … DROP NOT NULL | t | AccessExclusive | metadata']],
    ['ALTER TABLE t ALTER COLUMN a SET DEFAULT 1', ['ALTER COLUMN … SET DEFAULT | t | AccessExclusive | metadata']],
    ['ALTER TABLE t ALTER COLUMN a SET STATISTICS 500', ['ALTER COLUMN … SET STATISTICS | t | ShareUpdateExclusive | metadata']],
    ['ALTER TABLE t DROP COLUMN a', ['DROP COLUMN | t | AccessExclusive | metadata']],
    ['ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)', ['ADD CHECK | t | AccessExclusive | scan']],
    ['ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID', ['ADD CHECK … NOT VALID | t | AccessExclusive | metadata']],
    [
      'ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)',
      ['ADD FOREIGN KEY | t | ShareRowExclusive | scan', 'ADD FOREIGN KEY (referenced table) | u | ShareRowExclusive | scan'],
    ],
    [
      'ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID',
      ['ADD FOREIGN KEY … NOT VALID | t | ShareRowExclusive | metadata', 'ADD FOREIGN KEY … NOT VALID (referenced table) | u | ShareRowExclusive | metadata'],
    ],
    ['ALTER TABLE t VALIDATE CONSTRAINT f', ['VALIDATE CONSTRAINT | t | ShareUpdateExclusive | scan']],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)', ['ADD UNIQUE | t | AccessExclusive | scan']],
    ['ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i', ['ADD UNIQUE USING INDEX | t | AccessExclusive | metadata']],
    ['ALTER TABLE t ADD PRIMARY KEY (a)', ['ADD PRIMARY KEY | t | AccessExclusive | scan']],
    ['ALTER TABLE t DROP CONSTRAINT c', ['DROP CONSTRAINT | t | AccessExclusive | metadata']],
    ['ALTER TABLE t DISABLE TRIGGER ALL', ['ENABLE/DISABLE TRIGGER | t | ShareRowExclusive | metadata']],
    ['ALTER TABLE t SET (fillfactor = 70)', ['SET (storage parameter) | t | ShareUpdateExclusive | metadata']],
    ['ALTER TABLE t SET LOGGED', ['SET TABLESPACE / LOGGED / UNLOGGED / ACCESS METHOD | t | AccessExclusive | rewrite']],
    [
      'ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)',
      ['ATTACH PARTITION (parent) | p | ShareUpdateExclusive | metadata', 'ATTACH PARTITION | p1 | AccessExclusive | scan'],
    ],
    ['ALTER TABLE p DETACH PARTITION p1', ['DETACH PARTITION (parent) | p | AccessExclusive | metadata', 'DETACH PARTITION | p1 | AccessExclusive | metadata']],
    [
      'ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY',
      [
        'DETACH PARTITION … CONCURRENTLY (parent) | p | ShareUpdateExclusive | metadata | no transaction',
        'DETACH PARTITION … CONCURRENTLY | p1 | ShareUpdateExclusive | metadata | no transaction',
      ],
    ],
    ['ALTER TABLE t RENAME COLUMN a TO b', ['RENAME COLUMN | t | AccessExclusive | metadata']],
    ['ALTER TABLE t RENAME TO t2', ['RENAME TABLE | t | AccessExclusive | metadata']],
    ['ALTER INDEX i RENAME TO i2', ['ALTER INDEX … RENAME | i | ShareUpdateExclusive | metadata']],
    ['TRUNCATE t, u CASCADE', ['TRUNCATE | t | AccessExclusive | metadata', 'TRUNCATE | u | AccessExclusive | metadata']],
    ['DROP TABLE t', ['DROP TABLE | t | AccessExclusive | metadata']],
    ['CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()', ['CREATE TRIGGER | t | ShareRowExclusive | metadata']],
    ['CREATE TABLE v (id int, t_id int REFERENCES t (a))', ['CREATE TABLE … REFERENCES (referenced table) | t | ShareRowExclusive | metadata']],
    ['VACUUM FULL t', ['VACUUM FULL | t | AccessExclusive | rewrite | no transaction']],
    ['CLUSTER t USING i', ['CLUSTER | t | AccessExclusive | rewrite']],
    ['REFRESH MATERIALIZED VIEW CONCURRENTLY m', ['REFRESH MATERIALIZED VIEW CONCURRENTLY | m | Exclusive | rewrite']],
    ['LOCK TABLE t IN SHARE MODE', ['LOCK TABLE | t | Share | metadata']],
    ['SELECT 1', []],
    ["ALTER TYPE e ADD VALUE 'x'", []],
  ];
  for (const [sql, expected] of cases) it(sql, () => assert.deepEqual(locks(sql), expected));

  it('reads a default expression as constant, stable, volatile or unknown', () => {
    const volatility = (expr: string) => {
      const s = statement(`SELECT ${expr}`);
      const target = 'SelectStmt' in s ? s.SelectStmt.targetList![0]! : undefined;
      return defaultVolatility(target && 'ResTarget' in target ? target.ResTarget.val : undefined);
    };
    assert.equal(volatility("'a'::text"), 'constant');
    assert.equal(volatility('-1'), 'constant');
    assert.equal(volatility('CURRENT_TIMESTAMP'), 'stable');
    assert.equal(volatility("now() + interval '1 day'"), 'stable');
    assert.equal(volatility('clock_timestamp()'), 'volatile');
    assert.equal(volatility("nextval('s')"), 'volatile');
    assert.equal(volatility('lower(random()::text)'), 'volatile');
    assert.equal(volatility('my_fn()'), 'unknown');
  });
});

/**
 * The table checked against the engine: each statement runs in a transaction on PGlite, and the
 * strongest lock it holds on the table (pg_locks) and whether the table's file changed (a rewrite
 * gives it a new relfilenode) are compared with what locksOf says.
 */
describe('the lock table agrees with PostgreSQL itself (PGlite)', () => {
  const engine = sharedEngine();
  const setup = `CREATE TABLE u (id int PRIMARY KEY);
    CREATE TABLE t (a int, b int, c varchar(10));
    INSERT INTO u VALUES (1); INSERT INTO t VALUES (1, 1, 'x');
    CREATE INDEX t_a ON t (a);
    CREATE TABLE p (k int) PARTITION BY LIST (k);
    CREATE TABLE p1 (k int);
    CREATE TABLE p2 PARTITION OF p FOR VALUES IN (2);`;
  const checked: [string, string][] = [
    ['CREATE INDEX i ON t (b)', 't'],
    ['DROP INDEX t_a', 't_a'],
    ['REINDEX TABLE t', 't'],
    ['REINDEX INDEX t_a', 't_a'],
    ['ALTER TABLE t ADD COLUMN d int', 't'],
    ["ALTER TABLE t ADD COLUMN d text DEFAULT 'x'", 't'],
    ['ALTER TABLE t ADD COLUMN d timestamptz DEFAULT now()', 't'],
    ['ALTER TABLE t ADD COLUMN d float8 DEFAULT random()', 't'],
    ['ALTER TABLE t ADD COLUMN d bigserial', 't'],
    ['ALTER TABLE t ADD COLUMN d bigint GENERATED ALWAYS AS IDENTITY', 't'],
    ['ALTER TABLE t ALTER COLUMN a TYPE bigint', 't'],
    ['ALTER TABLE t ALTER COLUMN a SET NOT NULL', 't'],
    ['ALTER TABLE t DROP COLUMN b', 't'],
    ['ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)', 't'],
    ['ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID', 't'],
    ['ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)', 't'],
    ['ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)', 'u'],
    ['ALTER TABLE t ADD CONSTRAINT uq UNIQUE (a)', 't'],
    ['ALTER TABLE t ALTER COLUMN a SET STATISTICS 500', 't'],
    ['ALTER TABLE t SET (fillfactor = 70)', 't'],
    ['ALTER TABLE t DISABLE TRIGGER ALL', 't'],
    ['ALTER TABLE t RENAME COLUMN a TO z', 't'],
    ['ALTER TABLE t RENAME TO t2', 't'],
    ['ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)', 'p'],
    ['ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)', 'p1'],
    ['ALTER TABLE p DETACH PARTITION p2', 'p'],
    ['TRUNCATE t', 't'],
    ['CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()', 't'],
    ['LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE', 't'],
  ];
  // pg_locks spells the modes `ShareRowExclusiveLock`.
  const strongest = (modes: string[]): TableLockMode | undefined => TABLE_LOCK_MODES.filter((m) => modes.includes(`${m}Lock`)).at(-1);

  for (const [sql, relation] of checked)
    it(`${sql} (on ${relation})`, async (t) => {
      await freshSchema(t, engine, 'locks');
      await engine.exec(setup);
      const expected = locksOf(statement(sql)).filter((l) => l.relation === relation);
      assert.equal(expected.length, 1, `one lock on ${relation}`);
      // A dropped relation has no row left: its file did not change, it went.
      const fileOf = async (oid: number) => (await engine.query<{ f: number }>('SELECT relfilenode AS f FROM pg_class WHERE oid = $1', [oid]))[0]?.f;
      const [{ oid }] = (await engine.query<{ oid: number }>(`SELECT $1::regclass::oid AS oid`, [relation])) as [{ oid: number }];
      const fileBefore = await fileOf(oid);
      await engine.exec('BEGIN');
      await engine.exec(sql);
      const held = await engine.query<{ mode: string }>(`SELECT mode FROM pg_locks WHERE locktype = 'relation' AND pid = pg_backend_pid() AND relation = $1`, [
        oid,
      ]);
      const fileAfter = await fileOf(oid);
      await engine.exec('ROLLBACK');
      assert.equal(strongest(held.map((h) => h.mode)), expected[0]!.mode, `pg_locks holds ${held.map((h) => h.mode).join(', ')}`);
      // TRUNCATE swaps in a new, empty file: instant whatever the size, so the table calls it metadata-only.
      const rewritten = fileAfter !== undefined && fileAfter !== fileBefore && !sql.startsWith('TRUNCATE');
      assert.equal(rewritten, expected[0]!.work === 'rewrite', `the table's file ${rewritten ? 'changed' : 'stayed'}; locksOf says ${expected[0]!.work}`);
    });
});
