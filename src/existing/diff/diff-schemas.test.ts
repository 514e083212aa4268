import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column, schemaOf, table } from '../../model/test-tables.test-helper.js';
import type { Schema } from '../../model/schema.js';
import { diffSchemas, RenameHintError } from './index.js';

const id = column('id', { kind: 'int64' }, { identity: 'always' });
const customers = table('customers', [id, column('email', { kind: 'text' }), column('name', { kind: 'string', length: 80 }, { nullable: true })]);
const orders = table('orders', [id, column('customer_id', { kind: 'int64' })], {
  foreignKeys: [{ name: 'orders_customer_fk', columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], onDelete: 'restrict', deferrable: false }],
});
const kinds = (from: Schema, to: Schema, renames = [] as { from: string; to: string }[]) => diffSchemas(from, to, { renames }).changes.map((c) => c.kind);

describe('diffSchemas', () => {
  it('is empty for one schema against itself', () => assert.deepEqual(kinds(schemaOf(customers, orders), schemaOf(customers, orders)), []));

  it('without a hint, a renamed table is a drop and an add, with a candidate naming the hint', () => {
    const clients = { ...customers, name: 'clients' };
    const result = diffSchemas(schemaOf(customers), schemaOf(clients));
    assert.deepEqual(
      result.changes.map((c) => c.kind),
      ['add-table', 'drop-table'],
    );
    assert.deepEqual(
      result.renameCandidates.map((c) => [c.kind, c.from, c.to, c.confidence, c.hint]),
      [['table', 'customers', 'clients', 1, 'customers=clients']],
    );
  });

  it('with the hint, the table is renamed and a foreign key to it is unchanged', () => {
    const clients = { ...customers, name: 'clients' };
    const ordersToClients = { ...orders, foreignKeys: [{ ...orders.foreignKeys[0]!, refTable: 'clients' }] };
    assert.deepEqual(kinds(schemaOf(customers, orders), schemaOf(clients, ordersToClients), [{ from: 'customers', to: 'clients' }]), ['rename-table']);
  });

  it('a column of the same type under a new name is a candidate; the hint makes it a rename', () => {
    const renamed = table('customers', [id, column('email', { kind: 'text' }), column('full_name', { kind: 'string', length: 80 }, { nullable: true })]);
    const unconfirmed = diffSchemas(schemaOf(customers), schemaOf(renamed));
    assert.deepEqual(
      unconfirmed.changes.map((c) => c.kind),
      ['drop-column', 'add-column'],
    );
    assert.deepEqual(
      unconfirmed.renameCandidates.map((c) => [c.from, c.to, c.confidence, c.hint]),
      [['name', 'full_name', 0.9, 'customers.name=customers.full_name']],
    );
    assert.deepEqual(kinds(schemaOf(customers), schemaOf(renamed), [{ from: 'customers.name', to: 'customers.full_name' }]), ['rename-column']);
  });

  it('refuses a hint that names nothing, saying which side lacks it', () => {
    assert.throws(() => diffSchemas(schemaOf(customers), schemaOf(customers), { renames: [{ from: 'customers.nope', to: 'customers.name' }] }), {
      name: 'Error',
      message: /customers has no column nope in the first schema/,
    });
    assert.throws(() => diffSchemas(schemaOf(customers), schemaOf(customers), { renames: [{ from: 'ghosts', to: 'spirits' }] }), RenameHintError);
  });

  it('adds enum values in place (after the one before them) and replaces a type whose values are removed or moved', () => {
    const with3 = (values: string[]): Schema => ({ tables: [], enums: [{ name: 'status', values }] });
    assert.deepEqual(diffSchemas(with3(['new', 'paid']), with3(['draft', 'new', 'refunded', 'paid'])).changes, [
      { kind: 'add-enum-value', enum: 'status', value: 'draft', before: 'new' },
      { kind: 'add-enum-value', enum: 'status', value: 'refunded', after: 'new' },
    ]);
    assert.deepEqual(kinds(with3(['new', 'paid']), with3(['paid', 'new'])), ['replace-enum']);
    assert.deepEqual(kinds(with3(['new', 'paid']), with3(['new'])), ['replace-enum']);
  });

  it('tells a type, a nullability and a default change apart', () => {
    const changed = table('customers', [
      id,
      column('email', { kind: 'text' }, { nullable: true }),
      column('name', { kind: 'string', length: 120 }, { nullable: true, default: { kind: 'literal', value: 'x' } }),
    ]);
    assert.deepEqual(kinds(schemaOf(customers), schemaOf(changed)), ['alter-column-nullability', 'alter-column-type']);
    const defaulted = table('customers', [id, customers.columns[1]!, { ...customers.columns[2]!, default: { kind: 'literal', value: 'x' } }]);
    assert.deepEqual(kinds(schemaOf(customers), schemaOf(defaulted)), ['alter-column-default']);
  });

  it('reads a default spelled by the database as the spec spells it', () => {
    const spec = table('t', [
      id,
      column('at', { kind: 'timestamp', withTimeZone: true }, { default: { kind: 'now' } }),
      column('s', { kind: 'text' }, { default: { kind: 'literal', value: 'new' } }),
    ]);
    const read = table('t', [
      id,
      column('at', { kind: 'timestamp', withTimeZone: true }, { default: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } }),
      column('s', { kind: 'text' }, { default: { kind: 'expression', sql: "'new'::text" } }),
    ]);
    assert.deepEqual(kinds(schemaOf(spec), schemaOf(read)), []);
  });

  it('compares native objects only when both sides were read from a database', () => {
    const view = { kind: 'view', name: 'v', dialect: 'postgres', sql: 'CREATE VIEW v AS SELECT 1;', reason: 'test' };
    assert.deepEqual(kinds(schemaOf(customers), { ...schemaOf(customers), native: [view] }), []);
    assert.deepEqual(kinds({ ...schemaOf(customers), native: [] }, { ...schemaOf(customers), native: [view] }), ['add-native']);
  });
});
