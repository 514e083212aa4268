import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSchemas } from './diff-schemas.js';
import { column, index, schema, table } from './model-builders.test-helper.js';
import { RenameHintError } from './rename-hints.js';

const text = { kind: 'text' } as const;
const customer = table('customer', { columns: [column('id'), column('email', { type: text }), column('name', { type: text, nullable: true })] });
const order = (name: string, total: string) =>
  table(name, {
    columns: [
      column('id'),
      column('customer_id'),
      column(total, { type: { kind: 'decimal', precision: 19, scale: 4 } }),
      column('placed_at', { type: { kind: 'timestamp', withTimeZone: true } }),
    ],
    primaryKey: { name: 'order_pkey', columns: ['id'] },
    foreignKeys: [
      { name: 'order_customer_id_fkey', columns: ['customer_id'], refTable: 'customer', refColumns: ['id'], onDelete: 'restrict', deferrable: false },
    ],
    indexes: [index('order_total_idx', name, [total])],
  });

describe('renames without hints: a drop and an add, with candidates', () => {
  it('a table renamed is listed as a candidate with its share of columns, and stays a drop and an add', () => {
    const diff = diffSchemas(schema([customer, order('orders', 'total')]), schema([customer, order('purchase', 'total')]));
    assert.deepEqual(
      diff.changes.map((c) => c.kind),
      ['drop-table', 'add-table'],
    );
    assert.deepEqual(diff.renameCandidates, [
      {
        kind: 'table',
        from: 'orders',
        to: 'purchase',
        confidence: 1,
        basis: 'purchase is added and orders dropped, and they share 4 of their 4 columns by name and type',
        hint: 'orders=purchase',
      },
    ]);
  });
  it('a dropped and an added column of one type are a candidate; the confidence rises with nullability, position and a like name', () => {
    const from = table('t', { columns: [column('id'), column('total', { type: text }), column('note', { type: text, nullable: true })] });
    const to = table('t', { columns: [column('id'), column('total_amount', { type: text }), column('comment', { type: text, nullable: true })] });
    const diff = diffSchemas(schema([from]), schema([to]));
    assert.deepEqual(
      diff.changes.map((c) => c.kind),
      ['add-column', 'drop-column', 'drop-column', 'add-column'],
    );
    const byPair = Object.fromEntries(diff.renameCandidates.map((c) => [`${c.from}->${c.to}`, c.confidence]));
    assert.ok(byPair['total->total_amount']! > byPair['total->comment']!, JSON.stringify(byPair));
    assert.ok(byPair['note->comment']! > byPair['note->total_amount']!, JSON.stringify(byPair));
    const best = diff.renameCandidates[0]!;
    assert.deepEqual(best, {
      kind: 'column',
      table: 't',
      from: 'total',
      to: 'total_amount',
      confidence: 0.88,
      basis: 't.total_amount is added and t.total dropped, with the same type, the same nullability and default and the same position',
      hint: 't.total=t.total_amount',
    });
  });
  it('no candidate for columns of different types, nor for tables sharing under half their columns', () => {
    const from = table('t', { columns: [column('id'), column('a', { type: text })] });
    const to = table('t', { columns: [column('id'), column('b', { type: { kind: 'bool' } })] });
    assert.deepEqual(diffSchemas(schema([from]), schema([to])).renameCandidates, []);
    const other = table('other', { columns: [column('x'), column('y'), column('z')] });
    assert.deepEqual(diffSchemas(schema([customer]), schema([other])).renameCandidates, []);
  });
});

describe('renames confirmed by hints', () => {
  it('a table hint makes a rename-table, then the renamed table diffs as usual under its new name', () => {
    const to = order('purchase', 'total');
    const changed = { ...to, columns: [...to.columns, column('note', { type: text, nullable: true })] };
    const diff = diffSchemas(schema([customer, order('orders', 'total')]), schema([customer, changed]), { renames: [{ from: 'orders', to: 'purchase' }] });
    assert.deepEqual(diff.changes, [
      { kind: 'rename-table', from: 'orders', to: 'purchase' },
      { kind: 'add-column', table: 'purchase', column: changed.columns[4] },
    ]);
    assert.deepEqual(diff.renameCandidates, []);
  });
  it('a column hint makes a rename-column, and the index on it follows (no drop and add of the index)', () => {
    const diff = diffSchemas(schema([customer, order('orders', 'total')]), schema([customer, order('orders', 'amount')]), {
      renames: [{ from: 'orders.total', to: 'orders.amount' }],
    });
    assert.deepEqual(diff.changes, [{ kind: 'rename-column', table: 'orders', from: 'total', to: 'amount' }]);
  });
  it("a column of a renamed table, with the other side's references following both", () => {
    const from = schema([customer, order('orders', 'total')]);
    // PostgreSQL keeps a renamed table's constraint names: the target's key is still customer_pkey.
    const renamedCustomer = table('client', {
      primaryKey: customer.primaryKey,
      columns: [column('id'), column('mail', { type: text }), column('name', { type: text, nullable: true })],
    });
    const to = schema([renamedCustomer, { ...order('orders', 'total'), foreignKeys: [{ ...order('orders', 'total').foreignKeys[0]!, refTable: 'client' }] }]);
    const diff = diffSchemas(from, to, {
      renames: [
        { from: 'customer', to: 'client' },
        { from: 'customer.email', to: 'client.mail' },
      ],
    });
    assert.deepEqual(diff.changes, [
      { kind: 'rename-table', from: 'customer', to: 'client' },
      { kind: 'rename-column', table: 'client', from: 'email', to: 'mail' },
    ]);
  });
  it('a renamed column whose type changed too: the rename, then the type change under the new name', () => {
    const from = table('t', { columns: [column('id'), column('n', { type: { kind: 'int32' } })] });
    const to = table('t', { columns: [column('id'), column('count', { type: { kind: 'int64' } })] });
    const diff = diffSchemas(schema([from]), schema([to]), { renames: [{ from: 't.n', to: 't.count' }] });
    assert.deepEqual(
      diff.changes.map((c) => c.kind),
      ['rename-column', 'alter-column-type'],
    );
    assert.equal(diff.changes[1]!.kind === 'alter-column-type' && diff.changes[1]!.from.name, 'count');
  });
  it('a hint that names nothing, or nothing renamed, throws a RenameHintError listing each problem', () => {
    const from = schema([customer, order('orders', 'total')]);
    const to = schema([customer, order('orders', 'amount')]);
    assert.throws(
      () =>
        diffSchemas(from, to, {
          renames: [
            { from: 'invoices', to: 'bills' },
            { from: 'orders.subtotal', to: 'orders.amount' },
            { from: 'orders.total', to: 'orders.sum' },
            { from: 'customer', to: 'orders' },
            { from: 'orders.id', to: 'orders.amount' },
          ],
        }),
      (error: unknown) => {
        assert.ok(error instanceof RenameHintError);
        assert.deepEqual(error.problems, [
          'customer=orders: table customer is still in the target, so it is not renamed',
          'invoices=bills: no such table on either side, and not table.column on both sides; write old=new for a table or table.old=table.new for a column',
          'orders.subtotal=orders.amount: table orders of the source has no column subtotal',
          'orders.total=orders.sum: table orders of the target has no column sum',
          'orders.id=orders.amount: column id is still in orders in the target, so it is not renamed',
        ]);
        return true;
      },
    );
  });
});
