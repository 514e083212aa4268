import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AuditInputError, audit, auditInputKind, auditIntrospection } from '../src/api/audit.js';
import { auditRules } from '../src/rules/audit/index.js';
import { auditCleanIntrospection, auditDefectsIntrospection } from './fixtures/existing/audit-defects-model.js';
import { minimalSpec, REFERENCE_SPEC, runCli, runCliProcess } from './helpers.js';

/** What the audit says about test/fixtures/existing/audit-defects-model.ts (the model of audit-defects.sql with a live server's statistics). */
const DEFECTS = [
  'audit/no-primary-key: table `event_log` has no primary key',
  'audit/missing-fk-index: foreign key `order_line_order_id_fkey` of `order_line` (order_id) → `order` has no index on its columns: each delete in `order` scans `order_line`',
  'audit/duplicate-index: index `product_sku_idx` on `product` (sku) duplicates `product_sku_key`',
  'audit/redundant-prefix-index: index `order_customer_id_idx` on `order` (customer_id) is a prefix of `order_customer_id_placed_at_idx` (customer_id, placed_at), which serves its lookups',
  'audit/unused-index: index `product_name_idx` on `product` has not been scanned since 2026-11-01T00:00:00.000Z (the statistics window), yet every write to `product` maintains it (16.0 kB)',
  "audit/integer-key-near-overflow: `ticket.id` (int32) has used 88% of its range: its sequence `ticket_id_seq` is at 1,900,000,000 of 2,147,483,647 (the type's maximum)",
  "audit/integer-key-past-half: `tags.id` (int16) has used 61% of its range: its sequence `tags_id_seq` is at 20,000 of 32,767 (the type's maximum)",
  'audit/timestamp-without-time-zone: `ticket.opened_at` is `timestamp` without time zone: which instant it means depends on who reads it',
  'audit/float-or-money-type-for-money: `order.total` reads as money but is a float: amounts like 0.10 are not exact and sums drift',
  'audit/arbitrary-varchar-limit: `product.name` is varchar(255), a limit that says nothing about its values',
  'audit/fixed-length-char: `country.code` is char(2): shorter values are padded with spaces',
  'audit/nullable-unique-column: unique key `customer_email_key` of `customer` has nullable column `customer.email`: rows with a NULL there are never duplicates',
  'audit/nullable-required-fk: foreign key `order_line_order_id_fkey` of `order_line` → `order` allows NULL in `order_id`, yet its rows are deleted with their `order` (ON DELETE CASCADE), so they belong to one',
  'audit/serial-instead-of-identity: `product.id` is a serial column (a default on sequence `product_id_seq`), not an identity column',
  'audit/enum-like-text-without-check: `ticket.status` reads as one of a few values but any text is accepted',
  "audit/tenant-table-without-rls: tenant table `ticket` has no row-level security: a query without its tenant filter reads every tenant's rows",
  'audit/pii-without-handling: `customer.phone` looks like personal data and nothing records how it is handled',
  'audit/table-without-statistics: table `tags` has no statistics: it was never analyzed, so the planner guesses its size',
  'audit/invalid-index: index `document_title_idx` on `document` is invalid: queries never use it, writes still maintain it',
  'audit/not-valid-constraint: foreign key `payment_order_id_fkey` → `order` on `payment` is NOT VALID: the rows from before it were never checked',
  'audit/wide-row-on-hot-table: `document` is hot (25,000 scans since 2026-11-01T00:00:00.000Z) and its rows are wide: 300 MB is stored out of line (TOAST)',
  'audit/inconsistent-naming: names mix case styles: snake_case (17, such as `event_log`, `customer.tenant_id`, `product.tenant_id`) and camelCase (1: `event_log.loggedAt`)',
  'audit/inconsistent-naming: table names mix plural and singular: singular (9, such as `event_log`, `country`, `customer`) and plural (1: `tags`)',
];

describe('audit (src/api/audit.ts)', () => {
  it('the defects fixture: exactly its known defects, one per rule (two namings), each naming the table, column or index', () => {
    const found = auditIntrospection(auditDefectsIntrospection()).map((d) => `${d.code}: ${d.message}`);
    assert.deepEqual(found, DEFECTS);
    assert.deepEqual(
      new Set(DEFECTS.map((d) => d.split(':')[0])),
      new Set(auditRules.rules.map((r) => r.meta.code)),
      'every rule has its defect in the fixture',
    );
  });

  it('severity per rule: errors for an invalid index and a key past 80% of its range; warnings and infos for the rest', () => {
    const severity = new Map(auditIntrospection(auditDefectsIntrospection()).map((d) => [d.code, d.severity]));
    assert.deepEqual(
      [...severity].filter(([, s]) => s === 'error').map(([c]) => c),
      ['audit/integer-key-near-overflow', 'audit/invalid-index'],
    );
    assert.equal(severity.get('audit/integer-key-past-half'), 'warning');
    assert.equal(severity.get('audit/inconsistent-naming'), 'info');
  });

  it('a clean database of the same kinds of tables, with statistics: no finding', () => {
    assert.deepEqual(auditIntrospection(auditCleanIntrospection()), []);
  });

  it('the stats-based rules say nothing without statistics: the same schema as a freshly loaded file', () => {
    const live = auditDefectsIntrospection();
    const fromFile = { ...live, statsSince: null, source: { ...live.source, kind: 'sql-file' as const, location: 'audit-defects.sql' } };
    const codes = new Set(auditIntrospection(fromFile).map((d) => d.code));
    for (const statsOnly of ['audit/unused-index', 'audit/table-without-statistics']) assert.ok(!codes.has(statsOnly), statsOnly);
    // The TOAST bytes are still in the hand-made statistics, but nothing counts scans in a file's window: no table is hot.
    const withoutScans = {
      ...fromFile,
      schema: { ...fromFile.schema, tables: fromFile.schema.tables.map((t) => (t.stats ? { ...t, stats: { ...t.stats, seqScans: 0, indexScans: 0 } } : t)) },
    };
    assert.ok(!auditIntrospection(withoutScans).some((d) => d.code === 'audit/wide-row-on-hot-table'));
  });

  it('a spec is audited as `design` builds it: its indexes and its row security count; its tenancy is its own', async () => {
    const result = await audit(REFERENCE_SPEC);
    assert.ok(result.ok);
    assert.equal(result.introspection.source.kind, 'spec');
    assert.equal(result.introspection.statsSince, null);
    assert.ok(result.introspection.schema.tables.some((t) => t.rowSecurity?.enabled));
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.code}: ${d.message}`),
      [
        'audit/nullable-unique-column: unique key `order_tenant_id_idempotency_key_key` of `order` has nullable column `order.idempotency_key`: rows with a NULL there are never duplicates',
        'audit/pii-without-handling: `order.shipping_address` looks like personal data and nothing records how it is handled',
        'audit/pii-without-handling: `order_history.shipping_address` looks like personal data and nothing records how it is handled',
      ],
    );
  });

  it("findings about a table point at its entity in the spec; the design's own tables (history) have no place", async () => {
    const result = await audit(REFERENCE_SPEC);
    assert.ok(result.ok);
    assert.deepEqual(
      result.diagnostics.map((d) => (d.location ? `${d.location.line}:${d.location.column} ${d.location.path}` : 'none')),
      ['72:3 entities.order', '72:3 entities.order', 'none'],
    );
  });

  it('read from a SQL file, findings about a table point at its CREATE TABLE (namespaced, quoted, or in the default namespace)', () => {
    const live = auditDefectsIntrospection();
    const statement = (index: number, line: number, summary: string) => ({ index, line, column: 1, summary, how: 'executed' as const });
    const fromFile = {
      ...live,
      statsSince: null,
      source: { ...live.source, kind: 'sql-file' as const, location: 'audit-defects.sql' },
      statements: [
        statement(1, 33, 'CREATE TABLE public.event_log'),
        statement(2, 38, 'CREATE TABLE country'),
        statement(3, 90, 'CREATE TABLE public."ticket"'),
      ],
    };
    const where = (code: string) => auditIntrospection(fromFile).find((d) => d.code === code)?.location;
    assert.deepEqual(where('audit/no-primary-key'), { file: 'audit-defects.sql', line: 33, column: 1 });
    assert.deepEqual(where('audit/fixed-length-char'), { file: 'audit-defects.sql', line: 38, column: 1 });
    assert.deepEqual(where('audit/timestamp-without-time-zone'), { file: 'audit-defects.sql', line: 90, column: 1 });
    assert.equal(where('audit/missing-fk-index'), undefined, 'a table with no statement read has no place');
  });

  it('a spec with errors is not audited: its diagnostics come back', async () => {
    const file = join(tmpdir(), `dbarchitect-audit-${process.pid}.yaml`);
    writeFileSync(file, minimalSpec('  account:\n    fields:\n      name: strng(100)\n'));
    const result = await audit(file);
    assert.equal(result.ok, false);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'));
  });

  it('inputs by kind: a spec, a SQL file, a URL; anything else is refused', async () => {
    assert.deepEqual(['shop.yaml', 'shop.YML', 'dump.sql', 'postgres://u@h/db', 'mysql://h/db', 'shop.txt', 'shop'].map(auditInputKind), [
      'spec',
      'spec',
      'sql-file',
      'url',
      'url',
      undefined,
      undefined,
    ]);
    await assert.rejects(audit('notes.txt'), AuditInputError);
  });
});

describe('dbarchitect audit', () => {
  it('a spec: the findings on stdout, what was audited and the statistics window on stderr, exit 0 under --fail-on error', async () => {
    const run = await runCli(['audit', 'examples/saas-shop.yaml']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^examples\/saas-shop\.yaml:72:3: warning audit\/nullable-unique-column: unique key `order_tenant_id_idempotency_key_key`.*\n {2}at entities\.order\n/,
    );
    assert.match(run.stdout, /\n {2}fix: .* SQL: ALTER TABLE "order" ALTER COLUMN "idempotency_key" SET NOT NULL;\n/);
    assert.equal(
      run.stderr,
      'audited examples/saas-shop.yaml (16 tables; no usage statistics (a file or a spec), so no index is reported unused): 0 errors, 1 warning, 2 infos\n',
    );
  });

  it('--fail-on: warning fails on the warning, info on the infos too, never never; exit 1 says why', async () => {
    const warning = await runCli(['audit', 'examples/saas-shop.yaml', '--fail-on', 'warning']);
    assert.equal(warning.status, 1);
    assert.match(warning.stderr, /failing: 1 finding at or above --fail-on warning \(audit\/nullable-unique-column\); exit 1\n$/);
    const info = await runCli(['audit', 'examples/saas-shop.yaml', '--fail-on', 'info', '--format', 'json']);
    assert.equal(info.status, 1);
    assert.match(info.stderr, /failing: 3 findings at or above --fail-on info/);
    assert.equal(JSON.parse(info.stdout).diagnostics.length, 3);
    assert.equal((await runCli(['audit', 'examples/saas-shop.yaml', '--fail-on', 'never'])).status, 0);
  });

  it('bad usage and bad input exit 2 with the fix: a format, a threshold, a target of no known kind, a spec with errors', async () => {
    const format = await runCli(['audit', 'examples/saas-shop.yaml', '--format', 'xml']);
    assert.deepEqual([format.status, format.stderr], [2, 'error: unknown --format `xml`; use text, json, sarif\n']);
    const failOn = await runCli(['audit', 'examples/saas-shop.yaml', '--fail-on', 'all']);
    assert.deepEqual([failOn.status, failOn.stderr], [2, 'error: --fail-on must be info, warning, error, never, not `all`\n']);
    const kind = await runCli(['audit', 'notes.txt']);
    assert.deepEqual(
      [kind.status, kind.stderr],
      [2, 'error: notes.txt is not a spec (.yaml), a SQL file (.sql) or a connection URL (postgres://…, mysql://…)\n'],
    );
    const missing = await runCli(['audit', 'missing.yaml']);
    assert.equal(missing.status, 2);
    assert.match(
      missing.stderr,
      /^missing\.yaml:1:1: error input\/not-found: no such file\n {2}fix: .*\nmissing\.yaml: the spec has errors; nothing audited\n$/,
    );
  });

  it('a database that cannot be read exits 3, and the password in its URL is never shown', async () => {
    const run = await runCli(['audit', 'postgres://auditor:s3cret-pw@127.0.0.1:1/shop']);
    assert.equal(run.status, 3);
    assert.match(run.stderr, /^error: cannot connect to postgres:\/\/auditor:\*\*\*@127\.0\.0\.1:1\/shop: /, 'the same message as introspect gives');
    assert.ok(!`${run.stdout}${run.stderr}`.includes('s3cret-pw'));
  });

  it('as a process: the exit code a shell sees, and no stack trace when the database cannot be read', () => {
    const failing = runCliProcess(['audit', 'examples/saas-shop.yaml', '--fail-on', 'warning', '--quiet']);
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /^examples\/saas-shop\.yaml:72:3: warning audit\/nullable-unique-column/);
    assert.equal(
      failing.stderr,
      'failing: 1 finding at or above --fail-on warning (audit/nullable-unique-column); exit 1\n',
      '--quiet leaves only the verdict',
    );
    const unreadable = runCliProcess(['audit', 'postgres://auditor:s3cret-pw@127.0.0.1:1/shop']);
    assert.equal(unreadable.status, 3);
    assert.doesNotMatch(unreadable.stderr, /\n\s+at /);
    assert.ok(!unreadable.stderr.includes('s3cret-pw'));
  });
});
