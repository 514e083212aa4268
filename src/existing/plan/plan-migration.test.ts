import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getDialect } from '../../dialects/registry.js';
import type { Change } from '../../model/change.js';
import { column, schemaOf, table } from '../../model/test-tables.test-helper.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { planMigration } from './plan-migration.js';

const postgres = getDialect('postgres')!;
const side = { kind: 'spec' as const, location: 'test' };

const id = column('id', { kind: 'int64' }, { identity: 'always' });
const orders = table('orders', [id, column('total', { kind: 'decimal', precision: 12, scale: 2 })], {
  stats: { rows: 2_000_000, tableBytes: 400e6, indexBytes: 40e6, toastBytes: 0, analyzedAt: null, seqScans: 0, indexScans: 0, writes: 0 },
});

function plan(changes: Change[], from = schemaOf(orders), to = schemaOf(orders)) {
  return planMigration({ changes, renameCandidates: [] }, { dialect: postgres, from: { schema: from, side }, to: { schema: to, side } });
}

describe('planMigration (PostgreSQL)', () => {
  before(loadPgParser);

  it('adds a NOT NULL column without a default nullable first, then proves NOT NULL through a NOT VALID check', () => {
    const note = column('note', { kind: 'text' });
    const p = plan([{ kind: 'add-column', table: 'orders', column: note }]);
    assert.deepEqual(
      p.steps.map((s) => [s.phase, s.sql]),
      [
        ['expand', ['ALTER TABLE orders ADD COLUMN note text']],
        ['migrate', ['ALTER TABLE orders ADD CONSTRAINT orders_note_not_null CHECK (note IS NOT NULL) NOT VALID']],
        ['migrate', ['ALTER TABLE orders VALIDATE CONSTRAINT orders_note_not_null']],
        ['migrate', ['ALTER TABLE orders ALTER COLUMN note SET NOT NULL', 'ALTER TABLE orders DROP CONSTRAINT orders_note_not_null']],
      ],
    );
    const validate = p.steps[2]!;
    assert.equal(validate.work, 'scan');
    assert.deepEqual(
      validate.locks.map((l) => l.mode),
      ['ShareUpdateExclusive'],
    );
    assert.ok(!validate.hazards.includes('blocks-writes'), 'VALIDATE lets writes go on');
    assert.equal(validate.estimate?.seconds, 2, '400 MB at 200 MB/s');
    assert.equal(p.steps[3]!.work, 'metadata', 'SET NOT NULL after the check scans nothing');
    assert.ok(p.steps.every((s) => s.risk !== 'high'));
  });

  it('builds indexes concurrently, outside a transaction, and drops them only in the contract phase', () => {
    const index = {
      name: 'orders_total_idx',
      table: 'orders',
      keys: [{ column: 'total' }],
      include: [],
      where: [],
      method: 'btree' as const,
      unique: false,
      reason: 'test',
    };
    const withIndex = table('orders', orders.columns, { indexes: [index], stats: orders.stats });
    const p = plan([{ kind: 'add-index', index }], schemaOf(orders), schemaOf(withIndex));
    assert.equal(p.steps.length, 1);
    assert.match(p.steps[0]!.sql[0]!, /^CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders \(total\)$/);
    assert.equal(p.steps[0]!.transactional, false);
    assert.deepEqual(p.steps[0]!.reverse, { sql: ['DROP INDEX CONCURRENTLY IF EXISTS orders_total_idx'], transactional: false });
    const drop = plan([{ kind: 'drop-index', index }], schemaOf(withIndex), schemaOf(orders));
    assert.equal(drop.steps[0]!.phase, 'contract');
    assert.ok(drop.steps[0]!.hazards.includes('index-dropped'));
  });

  it('marks a dropped column as data loss and high risk, and its reverse says what it does not bring back', () => {
    const p = plan([{ kind: 'drop-column', table: 'orders', column: orders.columns[1]! }]);
    const [step] = p.steps;
    assert.equal(p.dataLoss, true);
    assert.equal(step!.risk, 'high');
    assert.equal(step!.dataLoss, 'the values of orders.total');
    assert.ok('sql' in step!.reverse && step!.reverse.lost?.includes('orders.total'));
  });

  it('orders steps expand → migrate → contract across changes, and tables after the tables they reference', () => {
    const customers = table('customers', [id]);
    const invoices = table('invoices', [id, column('customer_id', { kind: 'int64' })], {
      foreignKeys: [
        { name: 'invoices_customer_fk', columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], onDelete: 'restrict', deferrable: false },
      ],
    });
    const p = plan(
      [
        { kind: 'drop-column', table: 'orders', column: orders.columns[1]! },
        { kind: 'add-table', table: invoices },
        { kind: 'add-table', table: customers },
        { kind: 'alter-column-nullability', table: 'orders', column: 'total', nullable: false },
      ],
      schemaOf(orders),
      schemaOf(orders, customers, invoices),
    );
    assert.deepEqual(
      p.steps.map((s) => `${s.phase}:${s.title.split(' ').slice(0, 3).join(' ')}`),
      [
        'expand:create table customers',
        'expand:create table invoices',
        'migrate:check orders.total IS',
        'migrate:validate that no',
        'migrate:set orders.total NOT',
        'contract:drop orders.total',
      ],
    );
    assert.deepEqual(
      p.steps.map((s) => s.id),
      ['01', '02', '03', '04', '05', '06'],
    );
  });

  it('rewrites in place (high risk on a big table) only when a type change touches an indexed column, else dual-writes', () => {
    const bigint = { ...orders.columns[1]!, type: { kind: 'float' as const } };
    const dual = plan([{ kind: 'alter-column-type', table: 'orders', from: orders.columns[1]!, to: bigint }]);
    assert.deepEqual(
      dual.steps.map((s) => s.phase),
      ['expand', 'migrate', 'migrate', 'migrate', 'migrate', 'contract'],
    );
    assert.ok(dual.steps[1]!.batch?.sql.startsWith('UPDATE orders SET total_new = total::double precision WHERE id IN (SELECT id FROM orders'));
    const keyed = table('orders', orders.columns, { stats: orders.stats, uniques: [{ name: 'orders_total_key', columns: ['total'] }] });
    const inPlace = plan([{ kind: 'alter-column-type', table: 'orders', from: orders.columns[1]!, to: bigint }], schemaOf(keyed), schemaOf(keyed));
    assert.equal(inPlace.steps.length, 1);
    assert.equal(inPlace.steps[0]!.work, 'rewrite');
    assert.equal(inPlace.steps[0]!.risk, 'high');
    assert.equal(inPlace.steps[0]!.estimate?.seconds, 8, '400 MB at 50 MB/s');
  });
});
