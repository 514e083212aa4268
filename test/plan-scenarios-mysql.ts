import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { diff } from '../src/api/diff.js';
import { connectMysql } from '../src/engines/mysql.js';
import type { MigrationPlan, PlanValidation } from '../src/existing/plan/plan.js';
import { freshMysqlDatabase } from './engines.js';

/**
 * Issue 11's plan check for MySQL/MariaDB, every change kind the brief lists: two databases on the
 * server, the diff between them, the plan; the plan applied to a scratch copy of the first reaches
 * the second exactly, and the reverse of every step, run after it, brings the first back.
 */
export const MYSQL_BASE = `
CREATE TABLE customers (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(190) NOT NULL, name varchar(80) NULL) ENGINE=InnoDB;
CREATE TABLE orders (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id bigint NOT NULL,
  status enum('new','paid','shipped') NOT NULL DEFAULT 'new',
  total decimal(12,2) NOT NULL,
  note text NULL,
  KEY orders_customer_idx (customer_id),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;
`;

export interface MysqlScenario {
  readonly name: string;
  readonly from?: string;
  readonly to: string;
  readonly renames?: readonly string[];
  /** The change kinds the diff must hold. */
  readonly kinds: readonly string[];
  /** An ALGORITHM the plan must state, with the work the planner must read from it. */
  readonly expect?: { readonly clause: RegExp; readonly work: 'metadata' | 'scan' | 'rewrite' };
}

export const MYSQL_SCENARIOS: MysqlScenario[] = [
  {
    name: 'add table',
    to: `${MYSQL_BASE}CREATE TABLE refunds (id bigint NOT NULL PRIMARY KEY, order_id bigint NOT NULL, amount decimal(12,2), KEY refunds_order_fk (order_id), CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)) ENGINE=InnoDB;`,
    kinds: ['add-table'],
  },
  { name: 'drop table', from: `${MYSQL_BASE}CREATE TABLE legacy (id int NOT NULL PRIMARY KEY) ENGINE=InnoDB;`, to: MYSQL_BASE, kinds: ['drop-table'] },
  {
    name: 'add nullable column',
    to: MYSQL_BASE.replace('note text NULL,', 'note text NULL,\n  coupon varchar(40) NULL,'),
    kinds: ['add-column'],
    expect: { clause: /ADD COLUMN .*ALGORITHM=INSTANT, LOCK=DEFAULT/, work: 'metadata' },
  },
  {
    name: 'add NOT NULL column with a constant default',
    to: MYSQL_BASE.replace('note text NULL,', "note text NULL,\n  channel varchar(10) NOT NULL DEFAULT 'web',"),
    kinds: ['add-column'],
    expect: { clause: /ADD COLUMN .*DEFAULT 'web', ALGORITHM=INSTANT, LOCK=DEFAULT/, work: 'metadata' },
  },
  {
    name: 'add NOT NULL column without a default',
    to: MYSQL_BASE.replace('note text NULL,', 'note text NULL,\n  region varchar(10) NOT NULL,'),
    kinds: ['add-column'],
    expect: { clause: /MODIFY `region` varchar\(10\) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE/, work: 'rewrite' },
  },
  {
    name: 'drop column',
    to: MYSQL_BASE.replace('  note text NULL,\n', ''),
    kinds: ['drop-column'],
    expect: { clause: /DROP COLUMN `note`, ALGORITHM=INSTANT, LOCK=DEFAULT/, work: 'metadata' },
  },
  {
    name: 'rename column (hint)',
    to: MYSQL_BASE.replace('note text NULL', 'remark text NULL'),
    renames: ['orders.note=orders.remark'],
    kinds: ['rename-column'],
    expect: { clause: /RENAME COLUMN `note` TO `remark`, ALGORITHM=INPLACE, LOCK=NONE/, work: 'metadata' },
  },
  {
    name: 'widen varchar',
    to: MYSQL_BASE.replace('name varchar(80)', 'name varchar(200)'),
    kinds: ['alter-column-type'],
    expect: { clause: /MODIFY `name` varchar\(200\) NULL, ALGORITHM=INPLACE, LOCK=NONE/, work: 'metadata' },
  },
  {
    name: 'change a type (new column, backfill, switch)',
    to: MYSQL_BASE.replace('total decimal(12,2) NOT NULL', 'total double NOT NULL'),
    kinds: ['alter-column-type'],
    expect: { clause: /CREATE TRIGGER/, work: 'metadata' },
  },
  {
    name: 'change the type of an indexed column (a table copy)',
    to: MYSQL_BASE.replace('email varchar(190) NOT NULL', 'email varchar(190) NOT NULL, UNIQUE KEY customers_email_key (email)').replace(
      'customer_id bigint NOT NULL,',
      'customer_id bigint NOT NULL,',
    ),
    kinds: ['add-constraint'],
    expect: { clause: /ADD UNIQUE INDEX `customers_email_key` \(`email`\), ALGORITHM=INPLACE, LOCK=NONE/, work: 'scan' },
  },
  {
    name: 'set NOT NULL',
    to: MYSQL_BASE.replace('name varchar(80) NULL', 'name varchar(80) NOT NULL'),
    kinds: ['alter-column-nullability'],
    expect: { clause: /MODIFY `name` varchar\(80\) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE/, work: 'rewrite' },
  },
  { name: 'drop NOT NULL', to: MYSQL_BASE.replace('email varchar(190) NOT NULL', 'email varchar(190) NULL'), kinds: ['alter-column-nullability'] },
  {
    name: 'change a default',
    to: MYSQL_BASE.replace("DEFAULT 'new'", "DEFAULT 'paid'"),
    kinds: ['alter-column-default'],
    expect: { clause: /SET DEFAULT 'paid', ALGORITHM=INSTANT, LOCK=DEFAULT/, work: 'metadata' },
  },
  {
    name: 'add index',
    to: MYSQL_BASE.replace('KEY orders_customer_idx (customer_id),', 'KEY orders_customer_idx (customer_id),\n  KEY orders_status_idx (status, id),'),
    kinds: ['add-index'],
    expect: { clause: /ADD INDEX `orders_status_idx` \(`status`, `id`\), ALGORITHM=INPLACE, LOCK=NONE/, work: 'scan' },
  },
  {
    name: 'drop index',
    from: MYSQL_BASE.replace('KEY orders_customer_idx (customer_id),', 'KEY orders_customer_idx (customer_id),\n  KEY orders_total_idx (total),'),
    to: MYSQL_BASE,
    kinds: ['drop-index'],
    expect: { clause: /DROP INDEX `orders_total_idx`, ALGORITHM=INPLACE, LOCK=NONE/, work: 'metadata' },
  },
  {
    name: 'redefine index',
    to: MYSQL_BASE.replace('KEY orders_customer_idx (customer_id)', 'KEY orders_customer_idx (customer_id, status)'),
    kinds: ['add-index', 'drop-index'],
    expect: { clause: /RENAME INDEX/, work: 'metadata' },
  },
  {
    name: 'add check (a table copy)',
    to: MYSQL_BASE.replace('  KEY orders_customer_idx', '  CONSTRAINT orders_total_check CHECK (total >= 0),\n  KEY orders_customer_idx'),
    kinds: ['add-constraint'],
    expect: { clause: /ADD CONSTRAINT `orders_total_check` CHECK .*ALGORITHM=COPY, LOCK=SHARED/, work: 'rewrite' },
  },
  {
    name: 'add foreign key',
    from: `${MYSQL_BASE}CREATE TABLE notes (id int NOT NULL PRIMARY KEY, order_id bigint NULL) ENGINE=InnoDB;`,
    to: `${MYSQL_BASE}CREATE TABLE notes (id int NOT NULL PRIMARY KEY, order_id bigint NULL, CONSTRAINT notes_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)) ENGINE=InnoDB;`,
    kinds: ['add-constraint', 'add-index'],
    expect: { clause: /SET SESSION foreign_key_checks = 0/, work: 'scan' },
  },
  {
    name: 'drop foreign key',
    to: MYSQL_BASE.replace(',\n  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)', ''),
    kinds: ['drop-constraint'],
    expect: { clause: /DROP FOREIGN KEY `orders_customer_fk`, ALGORITHM=INPLACE, LOCK=NONE/, work: 'metadata' },
  },
  {
    name: 'enum value at the end (instant)',
    to: MYSQL_BASE.replace("'new','paid','shipped'", "'new','paid','shipped','returned'"),
    kinds: ['add-enum-value'],
    expect: { clause: /enum\('new','paid','shipped','returned'\) NOT NULL DEFAULT 'new', ALGORITHM=INSTANT, LOCK=DEFAULT/, work: 'metadata' },
  },
  {
    name: 'enum value in the middle (a table copy)',
    to: MYSQL_BASE.replace("'new','paid','shipped'", "'new','paid','refunded','shipped'"),
    kinds: ['add-enum-value'],
    expect: { clause: /enum\('new','paid','refunded','shipped'\) NOT NULL DEFAULT 'new', ALGORITHM=COPY, LOCK=SHARED/, work: 'rewrite' },
  },
  {
    name: 'remove an enum value (a table copy)',
    from: MYSQL_BASE.replace("'new','paid','shipped'", "'new','paid','lost','shipped'"),
    to: MYSQL_BASE,
    kinds: ['replace-enum'],
    expect: { clause: /ALGORITHM=COPY, LOCK=SHARED/, work: 'rewrite' },
  },
];

/** A fresh database of the test's own holding `sql`. */
export async function mysqlDatabaseWith(t: TestContext, server: string, sql: string): Promise<string> {
  const url = await freshMysqlDatabase(t, server);
  const engine = await connectMysql(url, { readOnly: false });
  try {
    await engine.exec(sql);
  } finally {
    await engine.close();
  }
  return url;
}

/** The scenario's two databases, diffed and checked on a scratch copy on the same server; asserts the check. */
export async function checkMysqlScenario(t: TestContext, server: string, s: MysqlScenario): Promise<{ plan: MigrationPlan; validation: PlanValidation }> {
  const from = await mysqlDatabaseWith(t, server, s.from ?? MYSQL_BASE);
  const to = await mysqlDatabaseWith(t, server, s.to);
  const result = await diff(from, to, { renames: s.renames ?? [] });
  assert.ok(result.ok, result.ok ? '' : result.message);
  const { plan } = result;
  assert.equal(plan.dialect, 'mysql');
  const kinds = [...new Set(plan.changes.map((c) => c.kind))].sort();
  assert.deepEqual(kinds, [...s.kinds].sort(), JSON.stringify(plan.changes, null, 1).slice(0, 2000));
  const v = result.validation!;
  assert.equal(v.forward.failure, undefined, JSON.stringify(v.forward.failure));
  assert.deepEqual(v.forward.residual, [], 'the plan reaches the target');
  assert.equal(v.reverse!.failure, undefined, JSON.stringify(v.reverse!.failure));
  assert.deepEqual(v.reverse!.residual, [], 'the reverse comes back to the source');
  assert.ok(v.forward.reached && v.reverse!.reached);
  return { plan, validation: v };
}
