import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { applyTextEdits } from '../src/diagnostics/text-edit.js';
import { lintMigration } from '../src/rules/lint/support/lint-migration.js';
import { freshSchema, sharedEngine } from './engines.js';
import { lintContext, prepareLint } from './lint-context.js';

before(prepareLint);

/** The database the migration runs against: tables with rows, an enum, a partitioned table. */
const SETUP = `CREATE TABLE customer (id bigint PRIMARY KEY, email text, phone text, score int);
INSERT INTO customer SELECT g, 'c' || g || '@example.com', NULL, g FROM generate_series(1, 200) g;
CREATE INDEX customer_phone_idx ON customer (phone);
CREATE TYPE status AS ENUM ('new', 'shipped');
CREATE TABLE event (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE event_2019 PARTITION OF event FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE event_2020 PARTITION OF event FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');`;

/** A migration with a problem for every rule that has an autofix. */
const MIGRATION = `CREATE INDEX customer_email_idx ON customer (email);
DROP INDEX customer_phone_idx;
REINDEX TABLE customer;
ALTER TABLE customer ADD CONSTRAINT customer_score_positive CHECK (score > 0);
ALTER TABLE customer ADD CONSTRAINT customer_email_key UNIQUE (email);
CREATE TABLE visit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL, at timestamp(3) NOT NULL);
ALTER TYPE status ADD VALUE 'paid';
ALTER TABLE event DETACH PARTITION event_2019;
-- dbarchitect-ignore truncate-cascade
ALTER TABLE customer ADD COLUMN note text;
BEGIN;
ALTER TABLE customer ADD COLUMN nickname text;
`;

describe('the lint autofixes, applied, give SQL that runs on PGlite and lints clean of what they fixed', () => {
  const engine = sharedEngine();

  it('every autofix on the migration, then each statement run in order', async (t) => {
    await freshSchema(t, engine, 'lint_fix');
    await engine.exec(SETUP);
    const enums = { status: ['new', 'paid', 'shipped'] };
    const diagnostics = lintMigration(lintContext(MIGRATION, {}, enums));
    const fixable = diagnostics.filter((d) => d.autofix);
    assert.deepEqual([...new Set(fixable.map((d) => d.code))].sort(), [
      'lint/constraint-builds-index',
      'lint/constraint-without-not-valid',
      'lint/enum-value-order',
      'lint/missing-lock-timeout',
      'lint/missing-statement-timeout',
      'lint/partition-attach-detach',
      'lint/prefer-timestamptz',
      'lint/require-concurrent-index',
      'lint/unfinished-transaction',
      'lint/unused-ignore',
    ]);
    const fixed = applyTextEdits(
      MIGRATION,
      fixable.flatMap((d) => d.autofix!.edits),
    );
    t.diagnostic(fixed);

    // One statement at a time, as a migration tool sends them: CONCURRENTLY refuses a multi-statement string.
    const statements = lintContext(fixed).statements.filter((s) => s.inDoBlock === undefined);
    for (const s of statements) await engine.exec(s.sql).catch((error: Error) => assert.fail(`${s.sql}: ${error.message}`));

    const [{ labels }] = (await engine.query<{ labels: string }>(
      `SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) AS labels FROM pg_enum WHERE enumtypid = 'status'::regtype`,
    )) as [{ labels: string }];
    assert.equal(labels, 'new,paid,shipped');
    const [{ n }] = (await engine.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conname IN ('customer_score_positive', 'customer_email_key') AND convalidated`,
    )) as [{ n: number }];
    assert.equal(n, 2, 'both constraints exist and are validated');

    const left = lintMigration(lintContext(fixed, {}, enums)).filter((d) => d.autofix);
    assert.deepEqual(
      left.map((d) => d.code),
      [],
      'nothing an autofix fixes is left',
    );
  });
});
