import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diff } from '../src/api/diff.js';
import type { PlanValidation } from '../src/existing/plan/plan.js';

/**
 * Issue 11's plan check for every change kind, shared by the PGlite and the PostgreSQL 15 tests:
 * two SQL files, the diff between them, the plan; the plan applied to a copy of the first reaches
 * the second exactly (an empty diff), and the reverse of every step, run after it, brings the first
 * back (or the plan says which step cannot be undone).
 */
export const BASE = `
CREATE TYPE status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, name varchar(80));
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  status status NOT NULL DEFAULT 'new',
  total numeric(12,2) NOT NULL,
  note text
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
`;

export interface Scenario {
  readonly name: string;
  /** The change to BASE, as a replace of text or whole extra statements. */
  readonly to: string;
  readonly from?: string;
  readonly renames?: readonly string[];
  /** The change kinds the diff must hold. */
  readonly kinds: readonly string[];
  /** The plan says some step cannot be undone (no reverse run). */
  readonly irreversible?: boolean;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'add table',
    to: `${BASE}CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), amount numeric(12,2));`,
    kinds: ['add-table'],
  },
  { name: 'drop table', from: `${BASE}CREATE TABLE legacy (id int PRIMARY KEY);`, to: BASE, kinds: ['drop-table'] },
  {
    name: 'rename table (hint)',
    from: BASE,
    to: BASE.replace(/customers/g, 'clients'),
    renames: ['customers=clients'],
    kinds: ['add-constraint', 'drop-constraint', 'rename-table'],
  },
  { name: 'add nullable column', to: BASE.replace('note text\n', 'note text,\n  coupon text\n'), kinds: ['add-column'] },
  {
    name: 'add NOT NULL column with a constant default',
    to: BASE.replace('note text\n', "note text,\n  channel text NOT NULL DEFAULT 'web'\n"),
    kinds: ['add-column'],
  },
  {
    name: 'add column with a per-row default',
    to: BASE.replace('note text\n', 'note text,\n  public_id uuid NOT NULL DEFAULT gen_random_uuid()\n'),
    kinds: ['add-column'],
  },
  { name: 'drop column', to: BASE.replace(',\n  note text\n', '\n'), kinds: ['drop-column'] },
  { name: 'rename column (hint, dual write)', to: BASE.replace('note text', 'remark text'), renames: ['orders.note=orders.remark'], kinds: ['rename-column'] },
  {
    name: 'rename an indexed column (hint)',
    to: BASE.replace(/customer_id/g, 'client_id'),
    renames: ['orders.customer_id=orders.client_id'],
    kinds: ['add-constraint', 'add-index', 'drop-constraint', 'drop-index', 'rename-column'],
  },
  { name: 'widen varchar', to: BASE.replace('varchar(80)', 'varchar(200)'), kinds: ['alter-column-type'] },
  { name: 'change a type (dual write)', to: BASE.replace('total numeric(12,2)', 'total double precision'), kinds: ['alter-column-type'] },
  { name: 'set NOT NULL', to: BASE.replace('name varchar(80)', 'name varchar(80) NOT NULL'), kinds: ['alter-column-nullability'] },
  { name: 'drop NOT NULL', to: BASE.replace('email text NOT NULL', 'email text'), kinds: ['alter-column-nullability'] },
  { name: 'change a default', to: BASE.replace("DEFAULT 'new'", "DEFAULT 'paid'"), kinds: ['alter-column-default'] },
  { name: 'add index', to: `${BASE}CREATE INDEX orders_status_idx ON orders (status) WHERE status <> 'shipped';`, kinds: ['add-index'] },
  { name: 'drop index', to: BASE.replace('CREATE INDEX orders_customer_idx ON orders (customer_id);', ''), kinds: ['drop-index'] },
  { name: 'redefine index', to: BASE.replace('orders (customer_id)', 'orders (customer_id, status)'), kinds: ['drop-index', 'add-index'] },
  { name: 'add unique constraint', to: `${BASE}ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);`, kinds: ['add-constraint'] },
  { name: 'add check', to: `${BASE}ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);`, kinds: ['add-constraint'] },
  {
    name: 'add foreign key',
    from: `${BASE}CREATE TABLE notes (id int PRIMARY KEY, order_id bigint);`,
    to: `${BASE}CREATE TABLE notes (id int PRIMARY KEY, order_id bigint REFERENCES orders (id));`,
    kinds: ['add-constraint'],
  },
  { name: 'drop foreign key', to: BASE.replace(' REFERENCES customers (id)', ''), kinds: ['drop-constraint'] },
  { name: 'add enum value', to: BASE.replace("'paid', 'shipped'", "'paid', 'refunded', 'shipped'"), kinds: ['add-enum-value'] },
  { name: 'remove enum value', from: BASE.replace("'paid', 'shipped'", "'paid', 'lost', 'shipped'"), to: BASE, kinds: ['replace-enum'] },
  { name: 'add enum type', to: `CREATE TYPE channel AS ENUM ('web', 'app');\n${BASE}`, kinds: ['add-enum'] },
  {
    name: 'row security and a policy',
    to: `${BASE}ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nCREATE POLICY orders_own ON orders FOR SELECT USING (customer_id = current_setting('app.customer')::bigint);`,
    kinds: ['alter-row-security', 'add-policy'],
  },
  { name: 'add view (native)', to: `${BASE}CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status <> 'shipped';`, kinds: ['add-native'] },
];

/** Writes the scenario's two files, diffs them (validated where `options` say) and asserts the check. */
export async function checkScenario(dir: string, n: number, s: Scenario, options: { validateDb?: string } = {}): Promise<PlanValidation> {
  const from = join(dir, `${n}-from.sql`);
  const to = join(dir, `${n}-to.sql`);
  writeFileSync(from, s.from ?? BASE);
  writeFileSync(to, s.to);
  const result = await diff(from, to, { renames: s.renames ?? [], ...options });
  assert.ok(result.ok, result.ok ? '' : result.message);
  const kinds = [...new Set(result.plan.changes.map((c) => c.kind))].sort();
  assert.deepEqual(kinds, [...s.kinds].sort(), JSON.stringify(result.plan.changes, null, 1).slice(0, 2000));
  const v = result.validation!;
  assert.equal(v.forward.failure, undefined, JSON.stringify(v.forward.failure));
  assert.deepEqual(v.forward.residual, [], 'the plan reaches the target');
  assert.ok(v.forward.reached);
  if (s.irreversible) assert.ok(v.reverse!.irreversible.length > 0);
  else {
    assert.equal(v.reverse!.failure, undefined, JSON.stringify(v.reverse!.failure));
    assert.deepEqual(v.reverse!.residual, [], 'the reverse comes back to the source');
    assert.ok(v.reverse!.reached);
  }
  return v;
}
