import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DialectDiff } from '../../dialects/diff.js';
import type { Change } from '../../model/change.js';
import type { NativeObject, Policy } from '../../model/schema.js';
import { diffHooksFor } from './diff-hooks.js';
import { diffSchemas } from './diff-schemas.js';
import { column, index, schema, table } from './model-builders.test-helper.js';

let pg: DialectDiff;
before(async () => {
  pg = await diffHooksFor('postgres');
});

const kinds = (changes: readonly Change[]) => changes.map((c) => c.kind);

describe('diffSchemas: enums', () => {
  it('an added and a dropped enum', () => {
    const diff = diffSchemas(schema([], { enums: [{ name: 'old', values: ['a'] }] }), schema([], { enums: [{ name: 'new', values: ['x'] }] }));
    assert.deepEqual(diff.changes, [
      { kind: 'add-enum', enum: { name: 'new', values: ['x'] } },
      { kind: 'drop-enum', enum: { name: 'old', values: ['a'] } },
    ]);
  });
  it('values appended, inserted and put first become add-enum-value with their place', () => {
    const diff = diffSchemas(
      schema([], { enums: [{ name: 'status', values: ['paid', 'shipped'] }] }),
      schema([], { enums: [{ name: 'status', values: ['new', 'paid', 'packed', 'shipped', 'returned'] }] }),
    );
    assert.deepEqual(diff.changes, [
      { kind: 'add-enum-value', enum: 'status', value: 'new', before: 'paid' },
      { kind: 'add-enum-value', enum: 'status', value: 'packed', after: 'paid' },
      { kind: 'add-enum-value', enum: 'status', value: 'returned', after: 'shipped' },
    ]);
  });
  it('a value removed or two reordered replace the type', () => {
    const from = { name: 'status', values: ['a', 'b', 'c'] };
    for (const values of [
      ['a', 'c'],
      ['b', 'a', 'c'],
    ]) {
      const diff = diffSchemas(schema([], { enums: [from] }), schema([], { enums: [{ name: 'status', values }] }));
      assert.deepEqual(diff.changes, [{ kind: 'replace-enum', from, to: { name: 'status', values } }]);
    }
  });
});

describe('diffSchemas: tables and columns', () => {
  it('an added and a dropped table, whole, in name order', () => {
    const [a, z] = [table('a_new'), table('z_old')];
    const diff = diffSchemas(schema([z]), schema([a]));
    assert.deepEqual(diff.changes, [
      { kind: 'add-table', table: a },
      { kind: 'drop-table', table: z },
    ]);
  });
  it('tables match by namespace and name: billing.orders is not orders', () => {
    const diff = diffSchemas(schema([table('orders')]), schema([table('orders', { namespace: 'billing' })]));
    assert.deepEqual(
      diff.changes.map((c) => (c.kind === 'add-table' || c.kind === 'drop-table' ? `${c.kind} ${c.table.namespace ?? ''}.${c.table.name}` : c.kind)),
      ['add-table billing.orders', 'drop-table .orders'],
    );
  });
  it('a column added, dropped, retyped, made nullable and given a default', () => {
    const from = table('t', {
      columns: [column('id'), column('gone'), column('amount', { type: { kind: 'int32' } }), column('note', { type: { kind: 'text' } })],
    });
    const to = table('t', {
      columns: [
        column('id'),
        column('amount', { type: { kind: 'int64' } }),
        column('note', { type: { kind: 'text' }, nullable: true, default: { kind: 'literal', value: '' } }),
        column('added', { nullable: true }),
      ],
    });
    const diff = diffSchemas(schema([from]), schema([to]));
    assert.deepEqual(diff.changes, [
      { kind: 'add-column', table: 't', column: to.columns[3] },
      { kind: 'alter-column-type', table: 't', from: from.columns[2], to: to.columns[1] },
      { kind: 'drop-column', table: 't', column: from.columns[1] },
      { kind: 'alter-column-nullability', table: 't', column: 'note', nullable: true },
      { kind: 'alter-column-default', table: 't', from: from.columns[3], to: to.columns[2] },
    ]);
  });
  it('identity and generation are part of the type change (their own kinds do not exist)', () => {
    const from = table('t', { columns: [column('id'), column('total')] });
    const to = table('t', { columns: [column('id', { identity: 'always' }), column('total', { generated: { expression: 'a + b', stored: true } })] });
    assert.deepEqual(kinds(diffSchemas(schema([from]), schema([to])).changes), ['alter-column-type', 'alter-column-type']);
  });
  it('only what the database holds is compared: origin, PII, comments, statistics, volumes, reasons, sequence values are not', () => {
    const from = table('t', {
      columns: [column('id', { sequence: { name: 't_id_seq', lastValue: 5, maxValue: 100 } }), column('email', { type: { kind: 'string', length: 200 } })],
      indexes: [index('t_email_idx', 't', ['email'])],
    });
    const to = table('t', {
      kind: 'relation',
      origin: 'postgres: public.t',
      comment: 'described',
      tenantScoped: true,
      volume: { rows: 1e6, growthPerMonth: 10, appendOnly: true },
      stats: { rows: 5, tableBytes: 1, indexBytes: 1, toastBytes: 0, analyzedAt: null, seqScans: 1, indexScans: 1, writes: 1 },
      columns: [
        column('id', { origin: 'elsewhere', sequence: { name: 't_id_seq', lastValue: 99, maxValue: 100 } }),
        column('email', { type: { kind: 'string', length: 200 }, pii: true, distinct: 40, comment: 'PII' }),
      ],
      indexes: [index('t_email_idx', 't', ['email'], { reason: 'introspected', stats: { scans: 3, bytes: 8192 }, valid: true })],
    });
    assert.deepEqual(diffSchemas(schema([from]), schema([to]), { hooks: pg }).changes, []);
  });
  it('an expression default compares by meaning: the catalog reprint equals the spelling', () => {
    const from = table('t', { columns: [column('id'), column('at', { default: { kind: 'expression', sql: "now() + interval '1 day'" } })] });
    const to = table('t', { columns: [column('id'), column('at', { default: { kind: 'expression', sql: "(now() + '1 day'::interval)" } })] });
    assert.deepEqual(diffSchemas(schema([from]), schema([to]), { hooks: pg }).changes, []);
    const later = table('t', { columns: [column('id'), column('at', { default: { kind: 'expression', sql: "now() + interval '2 days'" } })] });
    assert.deepEqual(kinds(diffSchemas(schema([from]), schema([later]), { hooks: pg }).changes), ['alter-column-default']);
  });
});

describe('diffSchemas: constraints', () => {
  const parent = table('customer');
  const fk = {
    name: 'order_customer_id_fkey',
    columns: ['customer_id'],
    refTable: 'customer',
    refColumns: ['id'],
    onDelete: 'restrict' as const,
    deferrable: false,
  };
  const order = (overrides = {}) => table('order', { columns: [column('id'), column('customer_id'), column('qty')], ...overrides });

  it('a primary key changed under its name is dropped and added; a unique added and one dropped', () => {
    const from = order({ uniques: [{ name: 'order_qty_key', columns: ['qty'] }] });
    const to = order({
      primaryKey: { name: 'order_pkey', columns: ['id', 'customer_id'] },
      uniques: [{ name: 'order_customer_id_key', columns: ['customer_id'] }],
    });
    assert.deepEqual(diffSchemas(schema([from]), schema([to])).changes, [
      { kind: 'drop-constraint', table: 'order', constraint: { kind: 'primary-key', name: 'order_pkey', columns: ['id'] } },
      { kind: 'drop-constraint', table: 'order', constraint: { kind: 'unique', name: 'order_qty_key', columns: ['qty'] } },
      { kind: 'add-constraint', table: 'order', constraint: { kind: 'unique', name: 'order_customer_id_key', columns: ['customer_id'] } },
      { kind: 'add-constraint', table: 'order', constraint: { kind: 'primary-key', name: 'order_pkey', columns: ['id', 'customer_id'] } },
    ]);
  });
  it('a foreign key added, and one whose action changed dropped and added', () => {
    const added = diffSchemas(schema([parent, order()]), schema([parent, order({ foreignKeys: [fk] })]));
    assert.deepEqual(added.changes, [{ kind: 'add-constraint', table: 'order', constraint: { kind: 'foreign-key', foreignKey: fk } }]);
    const cascade = { ...fk, onDelete: 'cascade' as const };
    const changed = diffSchemas(schema([parent, order({ foreignKeys: [fk] })]), schema([parent, order({ foreignKeys: [cascade] })]));
    assert.deepEqual(changed.changes, [
      { kind: 'drop-constraint', table: 'order', constraint: { kind: 'foreign-key', foreignKey: fk } },
      { kind: 'add-constraint', table: 'order', constraint: { kind: 'foreign-key', foreignKey: cascade } },
    ]);
  });
  it("a reference's spelled defaults equal the catalog's: no ON UPDATE is NO ACTION, a spec's deferrable one is initially deferred", () => {
    const spec = { ...fk, deferrable: true };
    const read = { ...fk, deferrable: true, initiallyDeferred: true, onUpdate: 'no-action' as const };
    assert.deepEqual(diffSchemas(schema([parent, order({ foreignKeys: [spec] })]), schema([parent, order({ foreignKeys: [read] })])).changes, []);
    const immediate = { ...read, initiallyDeferred: false };
    assert.equal(diffSchemas(schema([parent, order({ foreignKeys: [spec] })]), schema([parent, order({ foreignKeys: [immediate] })])).changes.length, 2);
  });
  it("a check's rule equals the catalog's text of it; a changed bound is dropped and added", () => {
    const range = { name: 'order_qty_check', rule: { kind: 'range' as const, column: 'qty', min: 1 } };
    const read = { name: 'order_qty_check', rule: { kind: 'expression' as const, sql: '(qty >= 1)', columns: ['qty'] } };
    assert.deepEqual(diffSchemas(schema([order({ checks: [range] })]), schema([order({ checks: [read] })]), { hooks: pg }).changes, []);
    const email = { name: 'c_email_check', rule: { kind: 'format' as const, column: 'email', format: 'email' as const } };
    const emailRead = {
      name: 'c_email_check',
      rule: { kind: 'expression' as const, sql: "email::text ~* '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'::text", columns: ['email'] },
    };
    assert.deepEqual(diffSchemas(schema([order({ checks: [email] })]), schema([order({ checks: [emailRead] })]), { hooks: pg }).changes, []);
    const two = { ...range, rule: { ...range.rule, min: 2 } };
    assert.deepEqual(kinds(diffSchemas(schema([order({ checks: [range] })]), schema([order({ checks: [two] })]), { hooks: pg }).changes), [
      'drop-constraint',
      'add-constraint',
    ]);
  });
});

describe('diffSchemas: indexes', () => {
  const t = (indexes: ReturnType<typeof index>[]) =>
    table('order', { columns: [column('id'), column('status', { type: { kind: 'text' } }), column('at')], indexes });
  it('an index added, one dropped, one redefined under its name dropped and added', () => {
    const [kept, gone, before, after] = [
      index('a_idx', 'order', ['at']),
      index('b_idx', 'order', ['status']),
      index('c_idx', 'order', ['at']),
      index('c_idx', 'order', ['at'], { unique: true }),
    ];
    const added = index('d_idx', 'order', ['status', 'at']);
    const diff = diffSchemas(schema([t([kept, gone, before])]), schema([t([kept, after, added])]));
    assert.deepEqual(diff.changes, [
      { kind: 'drop-index', index: gone },
      { kind: 'drop-index', index: before },
      { kind: 'add-index', index: after },
      { kind: 'add-index', index: added },
    ]);
  });
  it("a partial index's structured condition equals the catalog's predicate; an invalid index is rebuilt", () => {
    const designed = index('paid_idx', 'order', ['at'], { where: [{ column: 'status', op: 'in', values: ['paid', 'shipped'] }] });
    const read = index('paid_idx', 'order', ['at'], { predicate: "status = ANY (ARRAY['paid'::text, 'shipped'::text])", valid: true });
    assert.deepEqual(diffSchemas(schema([t([designed])]), schema([t([read])]), { hooks: pg }).changes, []);
    const invalid = { ...read, valid: false };
    assert.deepEqual(kinds(diffSchemas(schema([t([invalid])]), schema([t([designed])]), { hooks: pg }).changes), ['drop-index', 'add-index']);
  });
  it('key order and expressions count', () => {
    const asc = index('x', 'order', ['at']);
    const desc = index('x', 'order', [], { keys: [{ column: 'at', order: 'desc' }] });
    const lower = index('x', 'order', [], { keys: [{ expression: 'lower(status)' }] });
    const lowerRead = index('x', 'order', [], { keys: [{ expression: 'lower((status)::text)' }] });
    assert.equal(diffSchemas(schema([t([asc])]), schema([t([desc])]), { hooks: pg }).changes.length, 2);
    assert.deepEqual(diffSchemas(schema([t([lower])]), schema([t([lowerRead])]), { hooks: pg }).changes, []);
  });
});

describe('diffSchemas: row security and policies', () => {
  const policy: Policy = {
    name: 'tenant_isolation',
    command: 'all',
    permissive: true,
    roles: ['app'],
    using: "tenant_id = current_setting('app.tenant')::bigint",
  };
  it('row security switched on with a policy; a designed table without it has it off', () => {
    const to = table('t', { rowSecurity: { enabled: true, forced: true, policies: [policy] } });
    assert.deepEqual(diffSchemas(schema([table('t')]), schema([to]), { hooks: pg }).changes, [
      { kind: 'alter-row-security', table: 't', enabled: true, forced: true },
      { kind: 'add-policy', table: 't', policy },
    ]);
    assert.deepEqual(diffSchemas(schema([table('t')]), schema([table('t', { rowSecurity: { enabled: false, forced: false, policies: [] } })])).changes, []);
  });
  it("a policy whose condition changed is dropped and added; the catalog's reprint of the same one is not a change", () => {
    const on = (p: Policy) => table('t', { rowSecurity: { enabled: true, forced: false, policies: [p] } });
    const reprint = { ...policy, using: "(tenant_id = (current_setting('app.tenant'::text))::bigint)" };
    assert.deepEqual(diffSchemas(schema([on(policy)]), schema([on(reprint)]), { hooks: pg }).changes, []);
    const other = { ...policy, roles: ['admin'] };
    assert.deepEqual(diffSchemas(schema([on(policy)]), schema([on(other)]), { hooks: pg }).changes, [
      { kind: 'drop-policy', table: 't', policy },
      { kind: 'add-policy', table: 't', policy: other },
    ]);
  });
});

describe('diffSchemas: native objects', () => {
  const native = (kind: string, name: string, sql: string, extra: Partial<NativeObject> = {}): NativeObject => ({
    kind,
    name,
    dialect: 'postgres',
    sql,
    reason: 'test',
    ...extra,
  });
  const fn = native('function', 'f()', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;');
  const fnReprint = native('function', 'f()', 'CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nAS $function$ SELECT 1 $function$');
  const fnChanged = native('function', 'f()', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;');
  const view = native('view', 'v', 'CREATE VIEW v AS SELECT 1 AS one;');
  it('added, dropped, and changed SQL dropped and added; drops first, last made first dropped', () => {
    const diff = diffSchemas(schema([], { native: [fn, view] }), schema([], { native: [fnChanged] }), { hooks: pg });
    assert.deepEqual(diff.changes, [
      { kind: 'drop-native', object: view },
      { kind: 'drop-native', object: fn },
      { kind: 'add-native', object: fnChanged },
    ]);
  });
  it("the catalog's reprint of a function is the function (OR REPLACE, public., option order and quoting do not count)", () => {
    assert.deepEqual(diffSchemas(schema([], { native: [fn] }), schema([], { native: [fnReprint] }), { hooks: pg }).changes, []);
  });
  it("a design's trigger, view and partitioning are the objects the catalog lists; partitions named from dates are not compared", () => {
    const events = table('event', {
      columns: [column('id'), column('at', { type: { kind: 'timestamp', withTimeZone: true } })],
      primaryKey: { name: 'event_pkey', columns: ['id', 'at'] },
      partitioning: { method: 'range', column: 'at', interval: 'month', history: 2, premake: 1 },
    });
    const read = table('event', { columns: events.columns, primaryKey: events.primaryKey });
    const catalog = [
      native('partitioning', 'event', 'PARTITION BY RANGE (at)', { table: 'event' }),
      native('partition', 'event_default', 'CREATE TABLE public.event_default PARTITION OF public.event DEFAULT;', { table: 'event' }),
      native('partition', 'event_p2026_03', "CREATE TABLE public.event_p2026_03 PARTITION OF public.event FOR VALUES FROM ('2026-03-01') TO ('2026-04-01');", {
        table: 'event',
      }),
    ];
    assert.deepEqual(diffSchemas(schema([events]), schema([read], { native: catalog }), { hooks: pg }).changes, []);
    // Without its default partition the database differs from the design.
    assert.deepEqual(
      diffSchemas(schema([events]), schema([read], { native: [catalog[0]!, catalog[2]!] }), { hooks: pg }).changes.map((c) =>
        c.kind === 'drop-native' ? `${c.kind} ${c.object.name}` : c.kind,
      ),
      ['drop-native event_default'],
    );
  });
});

describe('diffSchemas: order', () => {
  it('enums first, then tables in name order (each: columns, constraints, indexes, policies), native last', () => {
    const policy: Policy = { name: 'p', command: 'select', permissive: true, roles: ['app'], using: 'true' };
    const from = schema([table('b', { columns: [column('id'), column('x')] }), table('a')], { enums: [{ name: 'e', values: ['1'] }] });
    const to = schema(
      [
        table('a', {
          columns: [column('id'), column('y')],
          uniques: [{ name: 'a_y_key', columns: ['y'] }],
          indexes: [index('a_y_idx', 'a', ['y'])],
          rowSecurity: { enabled: true, forced: false, policies: [policy] },
        }),
        table('b'),
      ],
      {
        enums: [{ name: 'e', values: ['1', '2'] }],
        native: [{ kind: 'view', name: 'v', dialect: 'postgres', sql: 'CREATE VIEW v AS SELECT 1;', reason: 'test' }],
      },
    );
    const diff = diffSchemas(from, to, { hooks: pg });
    assert.deepEqual(kinds(diff.changes), [
      'add-enum-value',
      'add-column',
      'add-constraint',
      'add-index',
      'alter-row-security',
      'add-policy',
      'drop-column',
      'add-native',
    ]);
    assert.deepEqual(diffSchemas(from, to, { hooks: pg }), diff, 'the same inputs give the same diff');
  });
});
