import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Introspection } from '../../model/introspection.js';
import type { ForeignKey, Schema } from '../../model/schema.js';
import { column, table } from '../../model/test-tables.test-helper.js';
import { loadSpecText } from '../../spec/load-spec.js';
import { quantityText, durationText } from './quantity-text.js';
import { schemaDifferences } from './schema-differences.js';
import { specSlug, writeSpec } from './write-spec.js';

const fk = (name: string, columns: string[], refTable: string, refColumns: string[], onDelete: ForeignKey['onDelete'] = 'no-action'): ForeignKey => ({
  name,
  columns,
  refTable,
  refColumns,
  onDelete,
  deferrable: false,
});
const id = column('id', { kind: 'int64' }, { identity: 'by-default' });
const stats = (rows: number) => ({ rows, tableBytes: 0, indexBytes: 0, toastBytes: 0, analyzedAt: null, seqScans: null, indexScans: null, writes: null });

/** An existing database the way introspection gives it: natural keys, native types, a link table, things the spec cannot say. */
const legacy: Schema = {
  enums: [{ name: 'order_state', values: ['new', 'paid', 'shipped'] }],
  tables: [
    table('country', [column('code', { kind: 'char', length: 2 }), column('name', { kind: 'string', length: 80 })], {
      primaryKey: { name: 'country_pkey', columns: ['code'] },
      comment: 'ISO countries',
    }),
    table(
      'customer',
      [
        id,
        column('email', { kind: 'string', length: 200 }, { comment: 'login' }),
        column('country_code', { kind: 'char', length: 2 }),
        column('balance', { kind: 'money' }, { nullable: true }),
        column('joined', { kind: 'timestamp', withTimeZone: false }, { default: { kind: 'now' } }),
      ],
      { uniques: [{ name: 'customer_email_key', columns: ['email'] }], stats: stats(1_234_567) },
    ),
    table(
      'orders',
      [
        id,
        column('customer_id', { kind: 'int64' }),
        column('state', { kind: 'enum', name: 'order_state' }, { default: { kind: 'literal', value: 'new' } }),
        column('quantity', { kind: 'int32' }),
        column('note', { kind: 'native', dialect: 'postgres', sql: 'tsvector' }, { nullable: true }),
      ],
      {
        foreignKeys: [fk('orders_customer_fk', ['customer_id'], 'customer', ['id'], 'cascade')],
        checks: [
          { name: 'orders_quantity_check', rule: { kind: 'range', column: 'quantity', min: 1, max: 99 } },
          { name: 'orders_note_check', rule: { kind: 'expression', sql: 'length(note::text) < 100', columns: ['note'] } },
        ],
        indexes: [
          {
            name: 'orders_state_idx',
            table: 'orders',
            keys: [{ column: 'state' }],
            include: [],
            where: [],
            method: 'btree',
            unique: false,
            reason: 'introspected',
          },
        ],
        stats: stats(950),
      },
    ),
    table('tag', [id, column('label', { kind: 'string', length: 40 })]),
    table('orders_tags', [column('orders_id', { kind: 'int64' }), column('tag_id', { kind: 'int64' })], {
      primaryKey: { name: 'orders_tags_pkey', columns: ['orders_id', 'tag_id'] },
      foreignKeys: [fk('ot_orders', ['orders_id'], 'orders', ['id'], 'cascade'), fk('ot_tag', ['tag_id'], 'tag', ['id'], 'cascade')],
    }),
    table('shipment', [id, column('customer_id', { kind: 'int64' }), column('country_code', { kind: 'char', length: 2 })], {
      foreignKeys: [fk('shipment_address_fk', ['customer_id', 'country_code'], 'customer', ['id', 'country_code'])],
    }),
  ],
  native: [{ kind: 'view', name: 'big_orders', dialect: 'postgres', sql: 'CREATE VIEW big_orders AS SELECT 1', reason: 'views are not modelled' }],
};

const introspection: Introspection = {
  schema: legacy,
  source: { dialect: 'postgres', kind: 'live', location: 'postgres://app@db.internal/Legacy_Shop', serverVersion: 'PostgreSQL 15', namespaces: ['public'] },
  statsSince: null,
};

describe('spec writer on an existing database', () => {
  const written = writeSpec(introspection);

  it('writes a spec that loads without errors and builds the tables, keys and references', async () => {
    const loaded = await loadSpecText('legacy.yaml', written.text);
    assert.deepEqual(
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      [],
      written.text,
    );
    const schema = loaded.loaded!.schema;
    assert.deepEqual(
      schema.tables.map((t) => t.name),
      ['country', 'customer', 'orders', 'orders_tags', 'tag', 'shipment'],
    );
    const orders = schema.tables.find((t) => t.name === 'orders')!;
    assert.deepEqual(
      orders.foreignKeys.map((f) => [f.columns, f.refTable, f.onDelete]),
      [[['customer_id'], 'customer', 'cascade']],
    );
    assert.equal(schema.tables.find((t) => t.name === 'orders_tags')!.kind, 'relation');
    assert.deepEqual(schema.tables.find((t) => t.name === 'country')!.primaryKey.columns, ['code']);
  });

  it('names the spec from the database and maps types back, commenting what changed', () => {
    assert.match(written.text, /^name: legacy-shop$/m);
    assert.match(written.text, /^ {6}code: string\(2\)! # char\(2\) in the database/m);
    assert.match(written.text, /balance: money # the database's money type/);
    assert.match(written.text, /joined: timestamp! # timestamp WITHOUT time zone in the database.*default now\(\)/);
    assert.match(written.text, /state: \{ type: "enum\(new, paid, shipped\)", required: true, default: new \}/);
    assert.match(written.text, /quantity: \{ type: int, required: true, min: 1, max: 99 \}/);
    assert.match(written.text, /customer: \{ type: ref\(customer\), required: true, on_delete: cascade \}/);
    assert.match(written.text, /email: \{ type: string\(200\), required: true, unique: true, description: login \}/);
    assert.match(written.text, /tags: many\(tag\)/);
    assert.match(written.text, /rows: 1\.2M/);
    assert.match(written.text, /rows: 950/);
    assert.match(written.text, /description: ISO countries/);
  });

  it('lists what the spec cannot say at the top and beside its place, never dropping it', () => {
    const header = written.text.slice(0, written.text.indexOf('version: 1'));
    assert.match(header, /view big_orders: views are not modelled/);
    assert.match(header, /What the spec cannot say/);
    assert.match(header, /# - orders: check orders_note_check: length\(note::text\) < 100/);
    assert.match(header, /# - customer\.joined: timestamp WITHOUT time zone/);
    assert.ok(written.notes.includes('shipment: id is GENERATED BY DEFAULT in the database; the spec makes it GENERATED ALWAYS'));
    assert.match(written.text, /# foreign key shipment_address_fk \(customer_id, country_code\) -> customer \(id, country_code\) is not written/);
    assert.match(written.text, /# check orders_note_check: length\(note::text\) < 100/);
    assert.match(written.text, /# indexes not written .*: orders_state_idx/);
    assert.match(written.text, /id is GENERATED BY DEFAULT in the database/);
    assert.match(written.text, /note: text # tsvector \(postgres\) in the database/);
    // The rebuilt model's differences are computed, not guessed: the composite reference, the types.
    assert.ok(
      written.differences.includes('table shipment: foreign key (customer_id, country_code) -> customer (id, country_code) on delete no-action missing'),
    );
    assert.ok(written.differences.includes('table customer: column joined is timestamptz, expected timestamp'));
    assert.ok(written.differences.includes('table country: column code is string(2), expected char(2)'));
    assert.match(header, /The model this spec builds differs from the source in:\n# - /);
  });
});

describe('shared-schema tenancy read back', () => {
  const tenantId = column('tenant_id', { kind: 'int64' });
  const schema: Schema = {
    enums: [],
    tables: [
      table('tenant', [id, column('name', { kind: 'string', length: 100 })]),
      table('account', [id, tenantId, column('email', { kind: 'string', length: 100 })], {
        primaryKey: { name: 'account_pkey', columns: ['tenant_id', 'id'] },
        uniques: [{ name: 'account_email', columns: ['tenant_id', 'email'] }],
        foreignKeys: [fk('account_tenant', ['tenant_id'], 'tenant', ['id'], 'restrict')],
      }),
      table('invoice', [id, tenantId, column('account_id', { kind: 'int64' })], {
        primaryKey: { name: 'invoice_pkey', columns: ['tenant_id', 'id'] },
        foreignKeys: [
          fk('invoice_tenant', ['tenant_id'], 'tenant', ['id'], 'restrict'),
          fk('invoice_account', ['tenant_id', 'account_id'], 'account', ['tenant_id', 'id'], 'restrict'),
        ],
      }),
      table('currency', [id, column('code', { kind: 'string', length: 3 })]),
    ],
  };

  it('writes tenancy, global entities and tenant-carrying references so the model comes back the same', async () => {
    const written = writeSpec(schema, { name: 'billing' });
    assert.match(written.text, /requirements:\n {2}tenancy: shared-schema/);
    assert.match(written.text, /currency:\n {4}global: true/);
    assert.match(written.text, /account: ref\(account\)!/);
    assert.doesNotMatch(written.text, /tenant_id:/);
    const loaded = await loadSpecText('billing.yaml', written.text);
    assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
    assert.deepEqual(schemaDifferences(schema, loaded.loaded.schema), []);
  });
});

describe('spec writer parts', () => {
  it('rounds quantities and durations to the spec notation', () => {
    assert.deepEqual([950, 1500, 20_000_000, 1_234_567, 123_456, 5_200_000_000].map(quantityText), ['950', '1.5k', '20M', '1.2M', '123k', '5.2B']);
    assert.deepEqual([7 * 31_556_952, 90 * 86_400, 14 * 86_400, 3600, 61].map(durationText), ['7y', '90d', '2w', '1h', '61s']);
  });

  it('slugs database and file names', () => {
    assert.equal(specSlug('postgres://u@h:5432/shop_prod?sslmode=require'), 'shop-prod');
    assert.equal(specSlug('dumps/Legacy CRM.sql'), 'legacy-crm');
    assert.equal(specSlug('2024.sql'), 'db-2024');
    assert.equal(specSlug('///'), 'existing-database');
  });

  it('renames names the spec cannot write, and says so', async () => {
    const written = writeSpec({ enums: [], tables: [table('UserAccount', [id, column('FullName', { kind: 'text' })])] }, { name: 'x' });
    assert.match(written.text, /renamed to a spec name: table UserAccount -> user_account/);
    assert.match(written.text, /full_name: text!/);
    assert.ok((await loadSpecText('x.yaml', written.text)).loaded);
  });

  it('schemaDifferences names each difference and is empty for equal schemas', () => {
    const a: Schema = { enums: [], tables: [table('t', [id, column('x', { kind: 'int32' })])] };
    const b: Schema = {
      enums: [],
      tables: [table('t', [id, column('x', { kind: 'int64' }, { nullable: true }), column('y', { kind: 'text' })]), table('u', [id])],
    };
    assert.deepEqual(schemaDifferences(a, a), []);
    assert.deepEqual(schemaDifferences(a, b), [
      'table u: not expected',
      'table t: column x is int64, expected int32',
      'table t: column x is nullable, expected NOT NULL',
      'table t: column y not expected',
    ]);
  });
});
