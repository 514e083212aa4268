import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SourceColumnFacts, SourceDataFacts } from '../../dialects/transfer.js';
import { transferTargetFor } from '../../dialects/transfers.js';
import type { LogicalType } from '../../model/logical-type.js';
import type { Column, ColumnDefault } from '../../model/schema.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { collationFor, mapColumn } from './column-rules.js';

const target = transferTargetFor('postgres')!;
before(loadPgParser);

/** One column through its rule: the type the introspector gave, the source's declaration, what its rows hold. */
function map(
  dataType: string,
  columnType: string,
  options: {
    type?: LogicalType;
    nullable?: boolean;
    default?: ColumnDefault;
    identity?: boolean;
    collation?: string;
    members?: string[];
    data?: Partial<SourceDataFacts>;
    keyed?: boolean;
  } = {},
) {
  const column: Column = {
    name: 'c',
    type: options.type ?? { kind: 'text' },
    nullable: options.nullable ?? true,
    pii: false,
    origin: 'introspected',
    ...(options.default ? { default: options.default } : {}),
    ...(options.identity ? { identity: 'by-default' as const } : {}),
  };
  const facts: SourceColumnFacts = {
    table: 't',
    column: 'c',
    dataType,
    columnType,
    collation: options.collation ?? null,
    charset: options.collation ? 'utf8mb4' : null,
    ...(options.members ? { members: options.members } : {}),
  };
  const data = options.data ? { table: 't', column: 'c', zeroDates: 0, nonBoolean: 0, outsideDay: 0, ...options.data } : undefined;
  const mapped = mapColumn({ table: 't', column, facts, data, keyed: options.keyed ?? false, target });
  return { ...mapped, type: mapped.transfer.targetType, rules: mapped.mappings.map((m) => m.rule) };
}

describe('MySQL column -> PostgreSQL column, one rule each', () => {
  it('tinyint(1) holding only 0 and 1 is a boolean; holding other values it stays a small integer', () => {
    const flag = map('tinyint', 'tinyint(1)', { type: { kind: 'bool' }, default: { kind: 'literal', value: true }, data: {} });
    assert.equal(flag.type, 'boolean');
    assert.equal(flag.transfer.kind, 'bool');
    assert.deepEqual(flag.rules, ['tinyint1-boolean']);
    const counter = map('tinyint', 'tinyint(1)', { type: { kind: 'bool' }, default: { kind: 'literal', value: true }, data: { nonBoolean: 3 } });
    assert.equal(counter.type, 'smallint');
    assert.deepEqual(counter.column.default, { kind: 'literal', value: 1 });
    assert.match(counter.mappings[0]!.why, /3 rows hold values other than 0 and 1/);
  });

  it('unsigned integers widen to the next type that holds their top, with CHECK (>= 0)', () => {
    assert.equal(map('tinyint', 'tinyint(3) unsigned').type, 'smallint');
    assert.equal(map('smallint', 'smallint(5) unsigned').type, 'integer');
    assert.equal(map('mediumint', 'mediumint(8) unsigned').type, 'integer');
    const int = map('int', 'int(10) unsigned');
    assert.equal(int.type, 'bigint');
    assert.deepEqual(int.rules, ['unsigned']);
    assert.match(int.mappings[0]!.why, /4294967295 \(integer stops at 2147483647\)/);
    assert.deepEqual(
      int.checks.map((c) => (c.rule.kind === 'expression' ? c.rule.sql : '')),
      ['c >= 0'],
    );
    assert.equal(map('int', 'int(11)').type, 'integer');
    assert.deepEqual(map('int', 'int(11)').rules, []);
  });

  it('bigint unsigned is numeric(20,0), except as an identity, which must be an integer type: bigint, with the overflow stated', () => {
    const plain = map('bigint', 'bigint(20) unsigned');
    assert.equal(plain.type, 'numeric(20,0)');
    assert.match(plain.mappings[0]!.why, /18446744073709551615, past bigint's 9223372036854775807/);
    const identity = map('bigint', 'bigint(20) unsigned', { identity: true });
    assert.equal(identity.type, 'bigint');
    assert.deepEqual(identity.rules, ['unsigned-bigint-identity']);
    assert.match(identity.mappings[0]!.risk!, /above 9223372036854775807 .* cannot be copied/);
  });

  it('mediumint is an integer; FLOAT is real (single precision); DOUBLE is double precision', () => {
    assert.deepEqual([map('mediumint', 'mediumint(9)').type, map('mediumint', 'mediumint(9)').rules], ['integer', ['mediumint']]);
    assert.deepEqual([map('float', 'float').type, map('float', 'float').rules], ['real', ['float4']]);
    assert.deepEqual([map('double', 'double').type, map('double', 'double').rules], ['double precision', []]);
  });

  it('bit(n) is bit(n), its default a bit string literal', () => {
    const bits = map('bit', 'bit(10)', { default: { kind: 'expression', sql: "b'101'" } });
    assert.equal(bits.type, 'bit(10)');
    assert.deepEqual(bits.transfer, { name: 'c', kind: 'bits', width: 10, targetType: 'bit(10)' });
    assert.deepEqual(bits.column.default, { kind: 'expression', sql: "B'0000000101'" });
  });

  it('ENUM is a PostgreSQL enum type, the choice and its reason stated', () => {
    const e = map('enum', "enum('a','b')", { type: { kind: 'enum', name: 't_c' } });
    assert.equal(e.type, 't_c');
    assert.equal(e.transfer.kind, 'enum');
    assert.match(e.mappings[0]!.why, /not text \+ CHECK: it sorts by declaration order as MySQL sorts an ENUM/);
  });

  it("SET is text[] with its members checked; its default 'a,b' becomes {a,b}", () => {
    const s = map('set', "set('red','green')", {
      type: { kind: 'native', dialect: 'mysql', sql: "set('red','green')" },
      members: ['red', 'green'],
      default: { kind: 'literal', value: 'red,green' },
    });
    assert.equal(s.type, 'text[]');
    assert.equal(s.transfer.kind, 'set');
    assert.deepEqual(s.column.default, { kind: 'expression', sql: `'{"red","green"}'::text[]` });
    assert.deepEqual(
      s.checks.map((c) => (c.rule.kind === 'expression' ? c.rule.sql : '')),
      ["c <@ ARRAY['red', 'green']::text[]"],
    );
    assert.deepEqual(map('set', "set('a')", { members: ['a'], default: { kind: 'literal', value: '' } }).column.default, {
      kind: 'expression',
      sql: "'{}'::text[]",
    });
  });

  it('zero dates become NULL: a NOT NULL column holding them becomes nullable, stated as a risk; its zero default is dropped', () => {
    const d = map('date', 'date', { type: { kind: 'date' }, nullable: false, default: { kind: 'literal', value: '0000-00-00' }, data: { zeroDates: 2 } });
    assert.equal(d.column.nullable, true);
    assert.equal(d.column.default, undefined);
    assert.deepEqual(d.rules, ['zero-date']);
    assert.match(d.mappings[0]!.why, /2 rows hold a zero date .* they become NULL, and the zero default is dropped/);
    assert.match(d.mappings[0]!.risk!, /was NOT NULL and becomes nullable/);
    const clean = map('date', 'date', { type: { kind: 'date' }, nullable: false, data: {} });
    assert.equal(clean.column.nullable, false);
    assert.deepEqual(clean.rules, []);
  });

  it('DATETIME is timestamp (wall clock), TIMESTAMP is timestamptz (an instant, read in UTC)', () => {
    const dt = map('datetime', 'datetime(6)', { type: { kind: 'timestamp', withTimeZone: false } });
    assert.deepEqual([dt.type, dt.transfer.kind, dt.rules], ['timestamp', 'timestamp', ['datetime']]);
    const ts = map('timestamp', 'timestamp', { type: { kind: 'timestamp', withTimeZone: true } });
    assert.deepEqual([ts.type, ts.transfer.kind, ts.rules], ['timestamptz', 'timestamptz', ['timestamp']]);
    assert.match(ts.mappings[0]!.why, /time_zone \+00:00/);
  });

  it('TIME is time unless its rows lie outside one day: interval then', () => {
    assert.deepEqual([map('time', 'time', { type: { kind: 'time' }, data: {} }).type, map('time', 'time', { type: { kind: 'time' } }).rules], ['time', []]);
    const span = map('time', 'time', { type: { kind: 'time' }, data: { outsideDay: 1 } });
    assert.deepEqual([span.type, span.transfer.kind, span.rules], ['interval', 'duration', ['time-duration']]);
  });

  it('YEAR is smallint with its range checked', () => {
    const y = map('year', 'year(4)');
    assert.equal(y.type, 'smallint');
    assert.deepEqual(
      y.checks.map((c) => (c.rule.kind === 'expression' ? c.rule.sql : '')),
      ['c = 0 OR c BETWEEN 1901 AND 2155'],
    );
  });

  it('JSON (MySQL) and LONGTEXT with json_valid (MariaDB) are jsonb', () => {
    assert.deepEqual([map('json', 'json', { type: { kind: 'json' } }).type, map('json', 'json').rules], ['jsonb', ['json']]);
    const maria = map('longtext', 'longtext', { type: { kind: 'json' }, collation: 'utf8mb4_bin' });
    assert.deepEqual([maria.type, maria.transfer.kind, maria.rules], ['jsonb', 'json', ['json']]);
  });

  it('binary, varbinary and the blobs are bytea (binary padding stated); spatial values are bytea holding WKB, with the PostGIS way', () => {
    const bin = map('binary', 'binary(4)', { type: { kind: 'bytes' } });
    assert.equal(bin.type, 'bytea');
    assert.match(bin.mappings[0]!.risk!, /pads shorter values with 0x00/);
    assert.equal(map('longblob', 'longblob').type, 'bytea');
    const point = map('point', 'point', { type: { kind: 'native', dialect: 'mysql', sql: 'point' } });
    assert.deepEqual(point.transfer, { name: 'c', kind: 'bytes', sourceRead: 'wkb', targetType: 'bytea' });
    assert.match(point.mappings[0]!.why, /ST_AsBinary.*geometry\(Point, <srid>\) USING ST_GeomFromWKB/);
  });

  it('a case-insensitive collation becomes a nondeterministic ICU collation, the danger to uniques stated on a key', () => {
    const email = map('varchar', 'varchar(254)', { type: { kind: 'string', length: 254 }, collation: 'utf8mb4_general_ci', keyed: true });
    assert.equal(email.type, 'varchar(254) COLLATE mysql_ci_ai');
    assert.deepEqual(email.collation, { name: 'mysql_ci_ai', locale: 'und-u-ks-level1' });
    assert.match(email.mappings[0]!.risk!, /PAD SPACE .* such pairs become distinct/);
    assert.deepEqual(collationFor('utf8mb4_0900_as_ci'), { name: 'mysql_ci_as', locale: 'und-u-ks-level2' });
    assert.equal(map('char', 'char(4)', { type: { kind: 'char', length: 4 }, collation: 'utf8mb4_bin' }).type, 'char(4) COLLATE "C"');
    assert.equal(map('text', 'text', { collation: 'utf8mb4_cs' }).type, 'text');
  });

  it('an unknown type is copied as text with a warning; a MySQL SQL default is dropped with a warning', () => {
    const odd = map('vector', 'vector(3)', { type: { kind: 'native', dialect: 'mysql', sql: 'vector(3)' } });
    assert.equal(odd.type, 'text');
    assert.deepEqual(
      odd.diagnostics.map((d) => d.code),
      ['switch/unknown-type'],
    );
    const uuid = map('varchar', 'varchar(36)', { type: { kind: 'string', length: 36 }, default: { kind: 'expression', sql: 'uuid()' } });
    assert.equal(uuid.column.default, undefined);
    assert.match(uuid.diagnostics[0]!.message, /the default uuid\(\) is MySQL SQL: not carried/);
  });
});
