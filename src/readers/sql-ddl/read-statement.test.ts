import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Node } from 'libpg-query';
import { classifyStatement } from '../../sql/classify-statement.js';
import { loadPgParser, parsePg } from '../../sql/pg-parser.js';
import { applyReadings } from './apply-readings.js';
import { readDdlStatement } from './read-statement.js';

const tree = (sql: string): Node => {
  const parsed = parsePg(sql);
  assert.ok(parsed.ok);
  return parsed.result.stmts![0]!.stmt as Node;
};
const read = (sql: string, enums: string[] = []) => readDdlStatement(tree(sql), sql, new Set(enums));

describe('reading DDL from the parse tree alone', () => {
  before(loadPgParser);

  it('reads a CREATE TABLE: types, defaults as written, identity, serial, generated, keys, references and checks', () => {
    const sql = `CREATE TABLE app.ledger (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL,
      kind app.kind DEFAULT 'debit' NOT NULL,
      amount numeric(12, 2) NOT NULL CONSTRAINT amount_positive CHECK (amount > 0),
      note varchar(200) DEFAULT 'é, (x)' ,
      geom public.geometry(Point, 4326),
      tags text[],
      seen_at timestamptz DEFAULT now(),
      total numeric GENERATED ALWAYS AS (amount * 2) STORED,
      account_id bigint REFERENCES app.accounts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
      UNIQUE (tenant_id, note)
    )`;
    const readings = read(sql, ['app.kind'])!;
    assert.deepEqual(
      readings.map((r) => r.kind),
      ['table', 'check', 'foreign-key'],
    );
    const table = readings[0]!.kind === 'table' ? readings[0]!.table : undefined;
    assert.ok(table);
    assert.equal(table.namespace, 'app');
    assert.equal(table.tenantScoped, true);
    assert.deepEqual(table.primaryKey, { name: 'ledger_pkey', columns: ['id'] });
    assert.deepEqual(table.uniques, [{ name: 'ledger_tenant_id_note_key', columns: ['tenant_id', 'note'] }]);
    const col = (name: string) => table.columns.find((c) => c.name === name)!;
    assert.deepEqual([col('id').type, col('id').default, col('id').nullable], [{ kind: 'int64' }, { kind: 'sequence', sequence: 'app.ledger_id_seq' }, false]);
    assert.deepEqual(
      [col('kind').type, col('kind').default],
      [
        { kind: 'enum', name: 'app.kind' },
        { kind: 'literal', value: 'debit' },
      ],
    );
    assert.deepEqual(col('amount').type, { kind: 'decimal', precision: 12, scale: 2 });
    assert.deepEqual(col('note').default, { kind: 'literal', value: 'é, (x)' });
    assert.deepEqual(col('geom').type, { kind: 'native', dialect: 'postgres', sql: 'public.geometry(point, 4326)' });
    assert.equal(col('tags').type.kind, 'native');
    assert.deepEqual(col('seen_at').default, { kind: 'now' });
    assert.deepEqual(col('total').generated, { expression: 'amount * 2', stored: true });
    const check = readings[1]!.kind === 'check' ? readings[1]!.check : undefined;
    assert.deepEqual(check, { name: 'amount_positive', rule: { kind: 'expression', sql: 'amount > 0', columns: ['amount'] } });
    const fk = readings[2]!.kind === 'foreign-key' ? readings[2]!.foreignKey : undefined;
    assert.deepEqual(fk, {
      name: 'ledger_account_id_fkey',
      columns: ['account_id'],
      refTable: 'accounts',
      refColumns: ['id'],
      onDelete: 'set-null',
      deferrable: true,
      initiallyDeferred: true,
    });
  });

  it('reads CREATE INDEX, ALTER TABLE ADD CONSTRAINT, enums and comments, and applies them onto their tables', () => {
    const table = read('CREATE TABLE t (id int, body text, parent int)')!;
    const index = read('CREATE UNIQUE INDEX t_body ON public.t USING btree (lower(body) DESC, id) INCLUDE (parent) WHERE (body IS NOT NULL);')!;
    const pk = read('ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);')!;
    const fk = read('ALTER TABLE ONLY public.t ADD CONSTRAINT t_parent_fkey FOREIGN KEY (parent) REFERENCES public.t(id) NOT VALID;')!;
    const check = read('ALTER TABLE public.t ADD CONSTRAINT t_body_check CHECK ((length(body) < 100));')!;
    const comment = read("COMMENT ON COLUMN public.t.body IS 'the text';")!;
    const lost = read("COMMENT ON TABLE public.nowhere IS 'x';")!;
    const enumType = read("CREATE TYPE public.mood AS ENUM ('ok', 'sad')")!;
    const { schema, unapplied } = applyReadings({ tables: [], enums: [] }, [...table, ...index, ...pk, ...fk, ...check, ...comment, ...lost, ...enumType]);
    assert.deepEqual([...unapplied], lost);
    assert.deepEqual(schema.enums, [{ name: 'mood', values: ['ok', 'sad'] }]);
    const t = schema.tables[0]!;
    assert.deepEqual(t.primaryKey, { name: 't_pkey', columns: ['id'] });
    assert.equal(t.columns.find((c) => c.name === 'id')!.nullable, false);
    assert.equal(t.columns.find((c) => c.name === 'body')!.comment, 'the text');
    assert.deepEqual(t.foreignKeys[0], {
      name: 't_parent_fkey',
      columns: ['parent'],
      refTable: 't',
      refColumns: ['id'],
      onDelete: 'no-action',
      deferrable: false,
      notValid: true,
    });
    assert.deepEqual(t.checks, [{ name: 't_body_check', rule: { kind: 'expression', sql: '(length(body) < 100)', columns: ['body'] } }]);
    assert.deepEqual(t.indexes[0], {
      name: 't_body',
      table: 't',
      keys: [{ expression: 'lower(body)', order: 'desc' }, { column: 'id' }],
      include: ['parent'],
      where: [],
      method: 'btree',
      unique: true,
      predicate: '(body IS NOT NULL)',
      reason: 'sql file (parse tree): public.t_body',
    });
  });

  it('leaves what it cannot read to the caller', () => {
    assert.equal(read("CREATE TABLE p1 PARTITION OF p FOR VALUES IN ('a')"), undefined);
    assert.equal(read('ALTER TABLE t ADD COLUMN x int'), undefined);
    assert.equal(read('CREATE INDEX b ON t USING bloom (x)'), undefined);
    assert.equal(read('CREATE VIEW v AS SELECT 1'), undefined);
  });

  it('classifies statements by what they do, naming their object', () => {
    const c = (sql: string) => classifyStatement(tree(sql));
    assert.deepEqual(c('ALTER TABLE public.t OWNER TO x'), { summary: 'ALTER TABLE public.t OWNER', role: 'privileges' });
    assert.deepEqual(c('ALTER FUNCTION public.f(int) OWNER TO x'), { summary: 'ALTER FUNCTION public.f OWNER', role: 'privileges' });
    assert.deepEqual(c('GRANT SELECT ON public.t TO r'), { summary: 'GRANT ON TABLE', role: 'privileges' });
    assert.deepEqual(c("SELECT pg_catalog.set_config('search_path', '', false)"), { summary: 'SELECT set_config', role: 'session' });
    assert.deepEqual(c("SELECT pg_catalog.setval('s', 3, true)"), { summary: 'SELECT setval', role: 'data' });
    assert.deepEqual(c('COPY public.t (a) FROM stdin'), { summary: 'COPY public.t', role: 'data' });
    assert.deepEqual(c('CREATE EXTENSION IF NOT EXISTS postgis'), { summary: 'CREATE EXTENSION postgis', role: 'schema' });
    assert.deepEqual(c('VACUUM t'), { summary: 'VACUUM', role: 'other' });
  });
});
