import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshSchema, sharedEngine } from '../../../test/engines.js';
import { column, table } from '../../model/test-tables.test-helper.js';
import type { Schema } from '../../model/schema.js';
import { emitPostgresDdl } from './ddl.js';

const engine = sharedEngine();

/** The parts of the model only an existing database gives (introspection), written as DDL that PGlite runs. */
const existing: Schema = {
  enums: [],
  tables: [
    table('account', [
      column('id', { kind: 'int32' }, { default: { kind: 'sequence', sequence: 'account_id_seq' } }),
      column('code', { kind: 'char', length: 3 }),
      column('balance', { kind: 'money' }, { default: { kind: 'expression', sql: "'0'::money" } }),
      column('email', { kind: 'text' }),
      column('email_lower', { kind: 'text' }, { generated: { expression: 'lower(email)', stored: true }, nullable: true }),
    ]),
    table(
      'entry',
      [
        column('id', { kind: 'int64' }, { identity: 'always' }),
        column('account_id', { kind: 'int32' }),
        column('amount', { kind: 'decimal', precision: 12, scale: 2 }),
        column('state', { kind: 'text' }),
      ],
      {
        foreignKeys: [
          {
            name: 'entry_account_fk',
            columns: ['account_id'],
            refTable: 'account',
            refColumns: ['id'],
            onDelete: 'set-default',
            onUpdate: 'cascade',
            deferrable: true,
            initiallyDeferred: false,
            notValid: true,
          },
        ],
        checks: [{ name: 'entry_state_ck', rule: { kind: 'expression', sql: "state IN ('open', 'closed')", columns: ['state'] }, notValid: true }],
        indexes: [
          {
            name: 'entry_open_idx',
            table: 'entry',
            keys: [{ column: 'account_id' }],
            include: [],
            where: [],
            predicate: "state = 'open'",
            method: 'btree',
            unique: false,
            reason: 'test',
          },
          { name: 'entry_state_spgist', table: 'entry', keys: [{ column: 'state' }], include: [], where: [], method: 'spgist', unique: false, reason: 'test' },
        ],
      },
    ),
  ],
};

describe('PostgreSQL DDL of an introspected model, on PGlite', () => {
  it('writes sequence and expression defaults, generated columns, char(n) and money, ON UPDATE, immediate deferrable and NOT VALID constraints, predicates and spgist, and the engine runs it', async (t) => {
    await freshSchema(t, engine, 'ddl_existing');
    const ddl = emitPostgresDdl(existing, { comments: false });
    for (const fragment of [
      "DEFAULT nextval('account_id_seq'::regclass)",
      'code char(3) NOT NULL',
      "balance money NOT NULL DEFAULT '0'::money",
      'GENERATED ALWAYS AS (lower(email)) STORED',
      'ON DELETE SET DEFAULT ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE',
      "CHECK (state IN ('open', 'closed'))",
      "WHERE (state = 'open')",
      'USING spgist',
    ])
      assert.ok(ddl.includes(fragment), `${fragment} in\n${ddl}`);
    await engine.exec(`CREATE SEQUENCE account_id_seq AS integer;\n${ddl}`);
    const rows = await engine.query<{ conname: string; convalidated: boolean; condeferrable: boolean; condeferred: boolean }>(
      `SELECT conname, convalidated, condeferrable, condeferred FROM pg_constraint WHERE conname IN ('entry_account_fk', 'entry_state_ck') ORDER BY conname`,
    );
    // References are added by ALTER TABLE after every table exists, so the reference stays NOT VALID as
    // introspected; a check is created with its table, which has no old rows to skip, so PostgreSQL validates it.
    assert.deepEqual(rows, [
      { conname: 'entry_account_fk', convalidated: false, condeferrable: true, condeferred: false },
      { conname: 'entry_state_ck', convalidated: true, condeferrable: false, condeferred: false },
    ]);
    await engine.exec(`INSERT INTO account (code, email) VALUES ('EUR', 'A@Example.com')`);
    const [account] = await engine.query<{ id: number; email_lower: string; balance: string }>(
      'SELECT id, email_lower, balance::numeric::text AS balance FROM account',
    );
    assert.deepEqual(account, { id: 1, email_lower: 'a@example.com', balance: '0.00' });
  });
});
