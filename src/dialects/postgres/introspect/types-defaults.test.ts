import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnDefaultOf } from './defaults.js';
import { logicalTypeOf } from './types.js';

const builtin = (typeName: string, typmod = -1, sql = typeName) => ({ typeName, typeNamespace: 'pg_catalog', typeKind: 'b', typmod, sql });

describe('catalog types to logical types', () => {
  it('reads lengths and precisions from the type modifier', () => {
    assert.deepEqual(logicalTypeOf(builtin('varchar', 124)), { kind: 'string', length: 120 });
    assert.deepEqual(logicalTypeOf(builtin('varchar')), { kind: 'text' });
    assert.deepEqual(logicalTypeOf(builtin('bpchar', 7)), { kind: 'char', length: 3 });
    assert.deepEqual(logicalTypeOf(builtin('numeric', (12 << 16) + 2 + 4)), { kind: 'decimal', precision: 12, scale: 2 });
    assert.deepEqual(logicalTypeOf(builtin('timestamptz')), { kind: 'timestamp', withTimeZone: true });
    assert.deepEqual(logicalTypeOf(builtin('jsonb')), { kind: 'json' });
    assert.deepEqual(logicalTypeOf(builtin('money')), { kind: 'money' });
  });
  it('keeps what the model cannot say as native, with its SQL', () => {
    assert.deepEqual(logicalTypeOf(builtin('numeric', -1, 'numeric')), { kind: 'native', dialect: 'postgres', sql: 'numeric' });
    assert.deepEqual(logicalTypeOf(builtin('_int4', -1, 'integer[]')), { kind: 'native', dialect: 'postgres', sql: 'integer[]' });
    assert.deepEqual(logicalTypeOf({ typeName: 'geometry', typeNamespace: 'public', typeKind: 'b', typmod: -1, sql: 'geometry' }), {
      kind: 'native',
      dialect: 'postgres',
      sql: 'geometry',
    });
    // A user type named like a built-in is not the built-in.
    assert.equal(logicalTypeOf({ ...builtin('text'), typeNamespace: 'app' }).kind, 'native');
  });
  it('names enums, qualified outside public', () => {
    assert.deepEqual(logicalTypeOf({ typeName: 'status', typeNamespace: 'public', typeKind: 'e', typmod: -1, sql: 'status' }), {
      kind: 'enum',
      name: 'status',
    });
    assert.deepEqual(logicalTypeOf({ typeName: 'status', typeNamespace: 'shop', typeKind: 'e', typmod: -1, sql: 'shop.status' }), {
      kind: 'enum',
      name: 'shop.status',
    });
  });
});

describe('column defaults as pg_get_expr prints them', () => {
  const int = { kind: 'int32' } as const;
  const text = { kind: 'text' } as const;
  it('reads the clock, random UUIDs and sequences', () => {
    assert.deepEqual(columnDefaultOf('now()', text), { kind: 'now' });
    assert.deepEqual(columnDefaultOf('CURRENT_TIMESTAMP', text), { kind: 'now' });
    assert.deepEqual(columnDefaultOf('gen_random_uuid()', text), { kind: 'random-uuid' });
    assert.deepEqual(columnDefaultOf(`nextval('shop.orders_id_seq'::regclass)`, int), { kind: 'sequence', sequence: 'shop.orders_id_seq' });
  });
  it('reads literals with their casts', () => {
    assert.deepEqual(columnDefaultOf('0', int), { kind: 'literal', value: 0 });
    assert.deepEqual(columnDefaultOf(`'-1'::integer`, int), { kind: 'literal', value: -1 });
    assert.deepEqual(columnDefaultOf('true', { kind: 'bool' }), { kind: 'literal', value: true });
    assert.deepEqual(columnDefaultOf(`'it''s'::character varying`, { kind: 'string', length: 10 }), { kind: 'literal', value: "it's" });
  });
  it('keeps anything else as an expression', () => {
    assert.deepEqual(columnDefaultOf(`(now() + '7 days'::interval)`, text), { kind: 'expression', sql: `(now() + '7 days'::interval)` });
    assert.deepEqual(columnDefaultOf(`'{}'::jsonb`, { kind: 'json' }), { kind: 'expression', sql: `'{}'::jsonb` });
  });
});
