import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { REFERENCE_SPEC, ROOT, referenceYaml } from './helpers.js';
import { serverUrl } from './servers.js';

/**
 * A real protocol session: the SDK's own client drives `dbarchitect mcp` in a child process over
 * stdio, as an assistant would. One server for the file; every answer is kept and checked at the
 * end for the password of the URLs the calls used.
 */
const BEFORE_SQL = fileURLToPath(new URL('../examples/diff/before.sql', import.meta.url));
const AFTER_SQL = fileURLToPath(new URL('../examples/diff/after.sql', import.meta.url));
const AUDIT_SQL = fileURLToPath(new URL('fixtures/existing/audit-defects.sql', import.meta.url));
const MIGRATION_SQL = fileURLToPath(new URL('fixtures/migrations/01-indexes.sql', import.meta.url));

/** A database URL nothing listens on, with a password that must never come back. */
const PASSWORD = 'Hunter2-mcp-secret';
const unreachable = new URL('postgres://shop@127.0.0.1:1/shop');
unreachable.password = PASSWORD;
const UNREACHABLE_URL = unreachable.toString();

const EXPECTED_TOOLS = [
  'check_spec',
  'design',
  'select_technology',
  'derive_indexes',
  'estimate_capacity',
  'verify',
  'explain_query',
  'introspect',
  'audit',
  'advise_indexes',
  'diff',
  'plan_migration',
  'lint_migration',
];

describe('dbarchitect mcp, driven by the SDK client over stdio', () => {
  let client: Client;
  const answers: string[] = [];
  const stderr: string[] = [];

  const call = async (name: string, args: Record<string, unknown>, options: { onprogress?: (p: { progress: number; message?: string }) => void } = {}) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 300_000, ...options })) as CallToolResult;
    answers.push(JSON.stringify(result));
    return result;
  };
  const text = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  const structured = <T = Record<string, any>>(result: CallToolResult): T => {
    assert.notEqual(result.isError, true, text(result));
    assert.ok(result.structuredContent, 'structured content');
    return result.structuredContent as T;
  };

  before(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), 'mcp'],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), SHOP_DB_URL: UNREACHABLE_URL },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    client = new Client({ name: 'dbarchitect-test', version: '1.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
  });

  it('lists every tool, read-only, each input field described, each with an output schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      EXPECTED_TOOLS,
    );
    for (const tool of tools) {
      assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
      assert.equal(tool.annotations?.destructiveHint, false, tool.name);
      assert.ok(tool.outputSchema, `${tool.name} has an output schema`);
      assert.ok((tool.description ?? '').length > 80, `${tool.name} says what it does`);
      const properties = Object.entries((tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>);
      assert.ok(properties.length > 0, tool.name);
      for (const [field, schema] of properties) assert.ok((schema.description ?? '').length > 10, `${tool.name}.${field} has a description`);
    }
  });

  it('serves the spec format, the rules reference and the example specs as resources', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    for (const uri of ['dbarchitect://docs/spec', 'dbarchitect://docs/rules/audit', 'dbarchitect://docs/rules/lint', 'dbarchitect://examples/saas-shop.yaml'])
      assert.ok(uris.includes(uri), uri);
    const spec = await client.readResource({ uri: 'dbarchitect://docs/spec' });
    assert.match(String((spec.contents[0] as { text: string }).text), /access_patterns/);
    const example = await client.readResource({ uri: 'dbarchitect://examples/saas-shop.yaml' });
    assert.equal((example.contents[0] as { text: string }).text, referenceYaml());
  });

  it('check_spec: the reference spec by path and inline', async () => {
    const byPath = structured(await call('check_spec', { path: REFERENCE_SPEC }));
    assert.equal(byPath.name, 'saas-shop');
    assert.equal(byPath.entities, 9);
    assert.equal(byPath.accessPatterns, 8);
    const inline = await call('check_spec', { spec: referenceYaml() });
    assert.deepEqual(structured(inline), byPath);
    assert.match(text(inline), /^spec\.yaml: ok: 9 entities/);
  });

  it('design: the reference spec designed, its DDL executed on PGlite, with progress when the client asks for it', async () => {
    const progress: string[] = [];
    const result = await call('design', { path: REFERENCE_SPEC, include: ['report'] }, { onprogress: (p) => progress.push(p.message ?? '') });
    const design = structured(result);
    assert.equal(design.technology.choice, 'postgresql');
    assert.ok(design.tables.some((t: { name: string }) => t.name === 'order'));
    assert.match(design.ddl[0].executedOn, /PGlite/);
    assert.match(design.sql, /CREATE TABLE "order"/);
    assert.ok(design.decisions.some((d: { area: string; tier: string }) => d.area === 'indexes' && d.tier !== 'assumed'));
    assert.ok(design.artifacts.includes('design.json'));
    assert.match(design.report, /^# saas-shop: database design/);
    assert.equal(design.design, undefined, 'the whole design only when asked for');
    assert.match(text(result), /executed on PostgreSQL .* \(PGlite/);
    assert.ok(
      progress.some((m) => /PGlite/.test(m)),
      `progress: ${progress.join(' | ')}`,
    );
  });

  it("select_technology, derive_indexes and estimate_capacity: the design's parts", async () => {
    const technology = structured(await call('select_technology', { path: REFERENCE_SPEC, top: 3 }));
    assert.equal(technology.technology.choice, 'postgresql');
    assert.equal(technology.technology.ranking.length, 3);
    assert.ok(technology.engines >= 35);
    assert.ok(technology.decisions.every((d: { area: string }) => d.area === 'technology'));

    const indexes = structured(await call('derive_indexes', { path: REFERENCE_SPEC }));
    const customerOrders = indexes.indexes.find((i: { reason: string }) => i.reason === 'access patterns customer_orders');
    assert.equal(customerOrders.name, 'order_tenant_id_customer_id_placed_at_idx');
    assert.match(indexes.sql, /CREATE INDEX order_tenant_id_customer_id_placed_at_idx ON "order"/);
    const decided = new Set(indexes.decisions.map((d: { id: string }) => d.id));
    for (const index of indexes.indexes) assert.ok(decided.has(`indexes/${index.name}`), `a decision for ${index.name}`);
    assert.ok(decided.has('indexes/served/order/order_detail/order_pkey'), 'and the patterns a key already serves');

    const capacity = structured(await call('estimate_capacity', { path: REFERENCE_SPEC }));
    assert.ok(capacity.capacity.atHorizon.totalBytes > capacity.capacity.months[0].totalBytes);
    assert.ok(capacity.capacity.atHorizon.tables.some((t: { table: string }) => t.table === 'order_line'));
  });

  it('verify: every pattern of the reference spec measured on PGlite with and without the indexes', async () => {
    const progress: string[] = [];
    const result = await call('verify', { path: REFERENCE_SPEC, rows: 3000, runs: 1 }, { onprogress: (p) => progress.push(p.message ?? '') });
    const { verification } = structured(result);
    assert.match(verification.engine, /PGlite/);
    assert.equal(verification.patterns.length, 8);
    const orders = verification.patterns.find((p: { name: string }) => p.name === 'customer_orders');
    assert.deepEqual(orders.indexesUsed, ['order_tenant_id_customer_id_placed_at_idx']);
    assert.ok(
      progress.some((m) => /^seeded \d+\/\d+ /.test(m)),
      'seeding is reported',
    );
    assert.ok(
      progress.some((m) => /^with indexes \d+\/8: /.test(m)),
      'explaining is reported',
    );
  });

  it('explain_query: an ad-hoc query on the seeded design uses the index design derived for it', async () => {
    const result = await call('explain_query', {
      path: REFERENCE_SPEC,
      sql: 'select id, total from "order"\nwhere tenant_id = :tenant and customer_id = :customer\norder by placed_at desc limit 20',
      rows: 3000,
    });
    const explained = structured(result);
    assert.deepEqual(explained.params, ['tenant', 'customer']);
    assert.deepEqual(explained.withIndexes.indexesUsed, ['order_tenant_id_customer_id_placed_at_idx']);
    assert.deepEqual(explained.withoutIndexes.seqScans, ['order']);
    assert.equal(explained.parameterSets.length, 3);
    assert.ok(Array.isArray(explained.plan) && explained.plan.length === 1, "the engine's own plan");
  });

  it('introspect and audit on PGlite-backed SQL files, and audit of an inline spec', async () => {
    const read = structured(await call('introspect', { db: BEFORE_SQL, asSpec: true }));
    assert.equal(read.source.kind, 'sql-file');
    assert.match(read.source.serverVersion, /PGlite/);
    assert.deepEqual(read.tables.map((t: { name: string }) => t.name).sort(), ['customers', 'orders']);
    assert.match(read.specYaml, /entities:/);
    assert.match(read.text, /customers/);

    const audited = structured(await call('audit', { db: AUDIT_SQL }));
    assert.ok(audited.counts.warning + audited.counts.error > 0, 'the defects are found');
    assert.ok(audited.findings.every((f: { location?: { file: string } }) => !f.location || f.location.file === AUDIT_SQL));

    const spec = structured(await call('audit', { spec: referenceYaml() }));
    assert.equal(spec.source.kind, 'spec');
    assert.equal(spec.source.location, 'spec.yaml', 'the temporary file is named as the caller knows it');
    assert.ok(!JSON.stringify(spec).includes('dbarchitect-mcp-'), 'no temporary path comes back');
  });

  it('advise_indexes: a SQL schema file with its workload given inline, the advice returned with its SQL and costs', async () => {
    const queries = readFileSync(new URL('./fixtures/advise/queries.sql', import.meta.url), 'utf8');
    const advice = structured(
      await call('advise_indexes', { db: fileURLToPath(new URL('./fixtures/advise/shop.sql', import.meta.url)), queries, maxIndexes: 3 }),
    );
    assert.ok(advice.recommendations.length > 0 && advice.recommendations.length <= 3, JSON.stringify(advice.recommendations));
    for (const r of advice.recommendations) assert.match(r.sql, /^CREATE INDEX CONCURRENTLY /);
    assert.ok(advice.cost.after < advice.cost.before, JSON.stringify(advice.cost));
    assert.match(advice.engine, /PGlite/);
    const bad = await call('advise_indexes', { spec: referenceYaml(), budget: 'a lot' });
    assert.equal(bad.isError, true);
    assert.match(text(bad), /`budget` must be a size/);
  });

  it('diff and plan_migration between two SQL files: the plan checked on a scratch copy, returned, not applied', async () => {
    const changes = structured(await call('diff', { from: BEFORE_SQL, to: AFTER_SQL }));
    assert.ok(changes.changes.some((c: { kind: string; object: string }) => c.kind === 'add-index' && c.object === 'orders_customer_idx'));
    assert.ok(changes.renameCandidates.some((r: { hint: string }) => r.hint === 'orders.note=orders.remark'));

    const planned = structured(await call('plan_migration', { from: BEFORE_SQL, to: AFTER_SQL, renames: ['orders.note=orders.remark'] }));
    assert.equal(planned.validation.forward.reached, true, JSON.stringify(planned.validation));
    assert.ok(planned.steps.some((s: { sql: string[] }) => s.sql.some((q) => /CREATE INDEX CONCURRENTLY/.test(q))));
    const plan = JSON.parse(planned.planJson);
    assert.equal(plan.format, 'dbarchitect-migration-plan');
    assert.equal(plan.steps.length, planned.steps.length);
    assert.match(planned.script, /SET lock_timeout = '2s'|lock_timeout/);
    assert.match(planned.apply, /dbarchitect apply plan\.json --db <url>/);
  });

  it('lint_migration: inline SQL and files, findings at their line:column', async () => {
    const inline = structured(await call('lint_migration', { sql: 'BEGIN;\nCREATE INDEX orders_total_idx ON orders (total);\nCOMMIT;\n' }));
    const findings = inline.files[0].findings;
    assert.equal(inline.files[0].file, 'migration.sql');
    const concurrently = findings.find((f: { code: string }) => f.code === 'lint/require-concurrent-index');
    assert.ok(concurrently, JSON.stringify(findings.map((f: { code: string }) => f.code)));
    assert.deepEqual([concurrently.location.file, concurrently.location.line, concurrently.location.column], ['migration.sql', 2, 1]);
    const files = structured(await call('lint_migration', { files: [MIGRATION_SQL] }));
    assert.ok(files.counts.warning + files.counts.error > 0);
  });

  it('bad input comes back as tool errors with the positions and fixes the CLI prints, and the server keeps serving', async () => {
    const yaml = await call('check_spec', { spec: 'version: 1\nname: shop\nentities:\n  order: [\n' });
    assert.equal(yaml.isError, true);
    assert.match(text(yaml), /^spec\.yaml:\d+:\d+: error yaml\/\S+: .+\n {2}fix: /);

    const column = await call('design', { spec: referenceYaml().replace('order by placed_at desc limit 20', 'order by placed_on desc limit 20') });
    assert.equal(column.isError, true);
    assert.match(text(column), /spec\.yaml:\d+:\d+: error sql\/unknown-column: no column `placed_on`/);
    const meta = (column._meta as Record<string, { code: string; location?: { line: number } }[]>)['dbarchitect/diagnostics']!;
    assert.ok(meta.some((d) => d.code === 'sql/unknown-column' && d.location!.line > 100));

    const query = await call('explain_query', { path: REFERENCE_SPEC, sql: 'select id\nfrom "order" where nope = 1' });
    assert.equal(query.isError, true);
    assert.match(text(query), /^query\.sql:2:20: error sql\/unknown-column: no column `nope` of `order`/);

    const missing = await call('design', {});
    assert.equal(missing.isError, true);
    assert.match(text(missing), /error input\/no-spec: no spec was given\n {2}fix: give its YAML text in `spec` or its file in `path`/);

    const badArgs = await call('verify', { path: REFERENCE_SPEC, rows: -5 });
    assert.equal(badArgs.isError, true, 'arguments the schema refuses are a tool error too');

    // Still serving after all of that:
    assert.equal(structured(await call('check_spec', { path: REFERENCE_SPEC })).name, 'saas-shop');
  });

  it('an unreachable database with a password: a tool error on every tool that reads one, the password nowhere', async () => {
    for (const [name, args] of [
      ['introspect', { db: UNREACHABLE_URL }],
      ['introspect', { dbEnv: 'SHOP_DB_URL' }],
      ['audit', { db: UNREACHABLE_URL }],
      ['diff', { from: UNREACHABLE_URL, to: AFTER_SQL }],
      ['plan_migration', { fromEnv: 'SHOP_DB_URL', to: AFTER_SQL }],
      ['lint_migration', { sql: 'ALTER TABLE orders ADD COLUMN x int;', db: UNREACHABLE_URL }],
    ] as const) {
      const result = await call(name, args);
      assert.equal(result.isError, true, `${name}: ${text(result)}`);
      assert.match(text(result), /127\.0\.0\.1|ECONNREFUSED|connect/i, `${name} says what failed`);
      assert.ok(!JSON.stringify(result).includes(PASSWORD), `${name}: ${JSON.stringify(result)}`);
    }
    const unset = await call('introspect', { dbEnv: 'NO_SUCH_VARIABLE_HERE' });
    assert.equal(unset.isError, true);
    assert.match(text(unset), /error input\/env-not-set: the environment variable `NO_SUCH_VARIABLE_HERE` is not set/);
    assert.equal(structured(await call('check_spec', { path: REFERENCE_SPEC })).entities, 9, 'still serving');
  });

  const pg = serverUrl('postgres');
  it('introspect and audit a live PostgreSQL named by an environment variable: read only, its password in no answer', { skip: pg.skip }, async () => {
    const password = decodeURIComponent(new URL(pg.url!).password);
    const read = structured(await call('introspect', { dbEnv: 'DBARCHITECT_PG_URL' }));
    assert.equal(read.source.kind, 'live');
    assert.match(read.source.serverVersion, /PostgreSQL 1\d/);
    const audited = structured(await call('audit', { dbEnv: 'DBARCHITECT_PG_URL' }));
    assert.equal(audited.source.kind, 'live');
    if (password) for (const answer of answers.slice(-2)) assert.ok(!answer.includes(password), 'the server password stays out');
  });

  it('no answer of the session holds the password, and the server wrote none to stderr', () => {
    assert.ok(answers.length > 20);
    for (const answer of answers) assert.ok(!answer.includes(PASSWORD), answer.slice(0, 300));
    assert.ok(!stderr.join('').includes(PASSWORD));
  });
});
