import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadForAnalysis, minimalSpec, referenceYaml } from '../../../test/helpers.js';
import { designSecurity } from './design-security.js';
import { deriveRetentionIndexes } from './retention-indexes.js';

async function secure(yaml: string) {
  const { spec, schema } = await loadForAnalysis(yaml);
  return designSecurity(spec, schema);
}

const ledger = (compliance: string) =>
  minimalSpec(
    `  patient:
    fields:
      name: { type: string(100), required: true, pii: true }
      ward: string(20)!
  entry:
    append_only: true
    rows: 1M
    fields:
      patient: ref(patient)!
      note: text!
`,
    `requirements:\n  compliance: [${compliance}]`,
  );

describe('security design', () => {
  it('append-only entities get INSERT and SELECT only for the application', async () => {
    const { security, decisions } = await secure(ledger('hipaa'));
    const app = security.grants.filter((g) => g.role === 'test_spec_app').map((g) => [g.table, g.privileges.join(',')]);
    assert.deepEqual(app, [
      ['patient', 'SELECT,INSERT,UPDATE,DELETE'],
      ['entry', 'SELECT,INSERT'],
    ]);
    assert.match(
      decisions.find((d) => d.id === 'security/roles')!.rationale.join(' '),
      /Append-only tables \(entry\): the application may only INSERT and SELECT/,
    );
  });

  it('under HIPAA or GDPR the read-only role is granted the columns without personal data only', async () => {
    for (const compliance of ['hipaa', 'gdpr']) {
      const { security } = await secure(ledger(compliance));
      const patient = security.grants.find((g) => g.role === 'test_spec_readonly' && g.table === 'patient')!;
      assert.deepEqual(patient.columns, ['id', 'ward'], compliance);
      assert.equal(
        security.grants.find((g) => g.role === 'test_spec_readonly' && g.table === 'entry')!.columns,
        undefined,
        'a table without personal data is granted whole',
      );
    }
    const { security } = await secure(ledger('pci-dss'));
    assert.equal(
      security.grants.find((g) => g.role === 'test_spec_readonly' && g.table === 'patient')!.columns,
      undefined,
      'PCI-DSS alone does not withhold columns',
    );
  });

  it('default privileges give later tables the same grants', async () => {
    const { security } = await secure(ledger('gdpr'));
    assert.deepEqual(security.defaultGrants, [
      { role: 'test_spec_app', owner: 'test_spec_owner', privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
      { role: 'test_spec_readonly', owner: 'test_spec_owner', privileges: ['SELECT'] },
    ]);
  });

  it('retention of order waits for payment, which restricts it, and names the job, the batch and the index', async () => {
    const { spec, schema } = await loadForAnalysis(referenceYaml());
    const indexed = deriveRetentionIndexes(schema).schema;
    const { security, decisions } = designSecurity(spec, indexed);
    const order = security.retention.find((r) => r.table === 'order')!;
    assert.deepEqual(order, {
      table: 'order',
      days: 2557,
      column: 'created_at',
      method: 'batched-delete',
      job: 'dbarchitect_retention_order',
      batchRows: 10_000,
      index: 'order_created_at_idx',
      keptWhileReferencedBy: [{ table: 'payment', foreignKey: 'payment_order_id_fkey' }],
    });
    const text = decisions.find((d) => d.id === 'security/retention')!.rationale.join(' ');
    assert.match(text, /schema\/postgres-jobs\.sql/);
    assert.match(text, /payment \(payment_order_id_fkey\) has its own retention of 2557 days: its job removes those rows first/);
    assert.match(text, /order_line \(deleted with it\)/);
    assert.doesNotMatch(text, /DELETE FROM/, 'the SQL lives in the jobs script, not in the rationale');
  });

  it('a restricting child without retention keeps its parents, and the decision says how to fix it', async () => {
    const { security, decisions } = await secure(
      minimalSpec(`  visit:\n    rows: 1k\n    retention: 30d\n    fields:\n      at: timestamp!\n  invoice:\n    fields:\n      visit: ref(visit)!\n`),
    );
    assert.deepEqual(security.retention[0]!.keptWhileReferencedBy, [{ table: 'invoice', foreignKey: 'invoice_visit_id_fkey' }]);
    assert.match(
      decisions.find((d) => d.id === 'security/retention')!.rationale.join(' '),
      /invoice \(invoice_visit_id_fkey\) has no retention, so visit rows it references stay: give invoice a retention, or make the reference ON DELETE CASCADE/,
    );
  });

  it('a table with retention but no required timestamp gets no job, and the decision says why', async () => {
    const { security, decisions } = await secure(
      minimalSpec(`  blob:\n    rows: 1k\n    retention: 30d\n    fields:\n      data: text!\n`, 'conventions:\n  timestamps: false'),
    );
    assert.deepEqual(security.retention, []);
    assert.match(decisions.find((d) => d.id === 'security/retention')!.rationale.join(' '), /blob: has a retention but no required timestamp column/);
  });
});

describe('retention indexes', () => {
  it('adds a B-tree on the time column where no key or index leads with it', async () => {
    const { schema } = await loadForAnalysis(
      minimalSpec(
        `  event:\n    rows: 5M\n    retention: 30d\n    fields:\n      at: timestamp!\n  keyed:\n    rows: 1k\n    retention: 30d\n    key: [at, seq]\n    fields:\n      at: timestamp!\n      seq: int!\n  kept:\n    fields:\n      at: timestamp!\n`,
      ),
    );
    const { schema: indexed, decisions } = deriveRetentionIndexes(schema);
    const added = indexed.tables.flatMap((t) => t.indexes.map((i) => [t.name, i.name, i.keys.map((k) => k.column).join(','), i.method]));
    assert.deepEqual(added, [['event', 'event_at_idx', 'at', 'btree']], 'keyed is served by its primary key; kept has no retention');
    assert.equal(decisions[0]!.id, 'indexes/event_at_idx');
    assert.match(decisions[0]!.rationale.join(' '), /batches of 10,000/);
  });

  it('does not index partitioned tables, whose retention drops partitions', async () => {
    const { schema } = await loadForAnalysis(referenceYaml());
    const partitioned = {
      ...schema,
      tables: schema.tables.map((t) =>
        t.name === 'inventory_event'
          ? { ...t, partitioning: { method: 'range' as const, column: 'occurred_at', interval: 'month' as const, history: 24, premake: 3 } }
          : t,
      ),
    };
    const names = deriveRetentionIndexes(partitioned).decisions.map((d) => d.id);
    assert.deepEqual(names, ['indexes/order_created_at_idx', 'indexes/order_line_created_at_idx', 'indexes/payment_created_at_idx']);
  });
});
