/**
 * A toolkit-shaped workload: what the spec's access patterns look like for a product of the kind
 * dbarchitect designs for. A million events over 50,000 accounts; twelve patterns with rates,
 * about a fifth of the calls writes. Deterministic data (values are hashes of the row number).
 */

export const TOOLKIT_SCHEMA = `
CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, plan text NOT NULL, region text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint NOT NULL, kind int NOT NULL, status text NOT NULL,
  amount int NOT NULL, created_at timestamptz NOT NULL, payload text NOT NULL);
`;

const h = (x: string, n: number) => `((hashint8((${x})::int8)::int8 + 2147483648) % ${n})`;

export function toolkitData(events: number, accounts = Math.max(100, Math.round(events / 20))): string {
  return `
INSERT INTO accounts (email, plan, region, created_at) SELECT 'user' || g || '@example.com', (ARRAY['free','pro','team','enterprise'])[1 + ${h('g * 3', 4)}],
  'region-' || ${h('g * 3 + 1', 12)}, timestamptz '2024-01-01' + ${h('g * 3 + 2', 365 * 24)} * interval '1 hour' FROM generate_series(1, ${accounts}) g;
INSERT INTO events (account_id, kind, status, amount, created_at, payload)
  SELECT 1 + ${h('g * 5', accounts)}, 1 + ${h('g * 5 + 1', 20)},
  CASE WHEN ${h('g * 5 + 2', 100)} < 2 THEN 'failed' WHEN ${h('g * 5 + 2', 100)} < 12 THEN 'new' ELSE 'done' END,
  ${h('g * 5 + 3', 100000)}, timestamptz '2025-01-01' + g * interval '20 seconds', repeat('x', 40 + ${h('g * 5 + 4', 80)}::int)
  FROM generate_series(1, ${events}) g;
ALTER TABLE events ADD FOREIGN KEY (account_id) REFERENCES accounts;
`;
}

/** Thirteen patterns, as a workload file: rates in comments; 95 of 458 calls a second write (21%). */
export const TOOLKIT_WORKLOAD = `
-- name: account_feed
-- rate: 200/s
SELECT id, kind, status, created_at FROM events WHERE account_id = $1 ORDER BY created_at DESC LIMIT 20;
-- name: account_kind_count
-- rate: 50/s
SELECT count(*) FROM events WHERE account_id = $1 AND kind = $2;
-- name: account_open_events
-- rate: 40/s
SELECT id, amount FROM events WHERE account_id = $1 AND status = 'new';
-- name: event_with_account
-- rate: 30/s
SELECT a.plan, e.kind, e.amount FROM events e JOIN accounts a ON a.id = e.account_id WHERE e.id = $1;
-- name: account_by_email
-- rate: 20/s
SELECT id, plan FROM accounts WHERE lower(email) = lower($1);
-- name: recent_failures
-- rate: 10/s
SELECT id, account_id, created_at FROM events WHERE status = 'failed' AND created_at > $1 ORDER BY created_at LIMIT 100;
-- name: kind_volume
-- rate: 5/s
SELECT sum(amount) FROM events WHERE kind = $1 AND created_at BETWEEN $2 AND $3;
-- name: accounts_in_region
-- rate: 5/s
SELECT id, email FROM accounts WHERE region = $1 AND plan = $2;
-- name: largest_amounts
-- rate: 2/s
SELECT id, amount FROM events WHERE amount > $1 ORDER BY amount DESC LIMIT 10;
-- name: daily_counts
-- rate: 1/s
SELECT date_trunc('day', created_at) AS day, count(*) FROM events WHERE created_at >= $1 GROUP BY 1 ORDER BY 1;
-- name: record_event
-- rate: 60/s
INSERT INTO events (account_id, kind, status, amount, created_at, payload) VALUES ($1, $2, 'new', $3, now(), $4);
-- name: settle_event
-- rate: 30/s
UPDATE events SET status = $2 WHERE id = $1;
-- name: change_plan
-- rate: 5/s
UPDATE accounts SET plan = $2 WHERE id = $1;
`;
