import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'node:test';
import { workloadOf } from '../src/api/design.js';
import { verifySpec } from '../src/api/verify.js';
import { quotePgIdentifier } from '../src/dialects/postgres/quote.js';
import { postgresDialect } from '../src/dialects/postgres/index.js';
import { loadSpecFile, type LoadedSpec } from '../src/spec/load-spec.js';
import { parameterTargets } from '../src/verify/parameter-targets.js';
import { sampleParameters } from '../src/verify/sample-parameters.js';
import { freshSchema, sharedEngine } from './engines.js';
import { runCli } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const engine = sharedEngine();

async function load(name: string): Promise<LoadedSpec> {
  const loaded = await loadSpecFile(fixture(name));
  assert.ok(loaded.loaded, JSON.stringify(loaded.diagnostics));
  return loaded.loaded;
}

/** Verifies in a fresh schema of the one PGlite, which stays the search_path for the checks after. */
async function verifyFresh(t: TestContext, loaded: LoadedSpec) {
  await freshSchema(t, engine, 'verify_keys');
  const result = await verifySpec(loaded, [], engine, { runs: 2 });
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return result;
}

/** The parameter sets verify draws for a pattern, as name -> value maps. */
async function drawnFor(loaded: LoadedSpec, name: string): Promise<Record<string, unknown>[]> {
  const pattern = loaded.patterns.find((p) => p.name === name)!;
  const shape = workloadOf(loaded).find((w) => w.name === name)!.shape;
  const targets = parameterTargets(shape, pattern.statement, pattern.params.length, loaded.schema);
  const sets = await sampleParameters(engine, loaded.schema, shape, targets, 3, postgresDialect.sampling);
  return sets.map((set) => Object.fromEntries(pattern.params.map((p, i) => [p, set[i]])));
}

const exists = async (sql: string, params: unknown[]) => (await engine.query(sql, params)).length > 0;
const rowsOf = async (table: string) => (await engine.query<{ n: number }>(`select count(*)::int as n from ${quotePgIdentifier(table)}`))[0]!.n;

describe('verify on PGlite: inserts that set keys', () => {
  it('a join table keyed by two references, a unique one-to-one reference, a unique natural key and an upsert: every insert is measured', async (t) => {
    const loaded = await load('social-keys.yaml');
    const result = await verifyFresh(t, loaded);
    assert.deepEqual(
      result.report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    const byName = new Map(result.report.patterns.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()], ['follow_user', 'create_profile', 'sign_up', 'refollow', 'followers_of']);
    for (const name of ['follow_user', 'create_profile', 'sign_up', 'refollow']) {
      const p = byName.get(name)!;
      assert.equal(p.kind, 'insert');
      assert.ok(p.nodeTypes.includes('ModifyTable') && p.without.nodeTypes.includes('ModifyTable'), `${name} ran with and without the indexes`);
    }
    const seeded = new Map(result.report.seed.tables.map((t) => [t.table, t.rows]));
    assert.ok(seeded.get('profile')! < seeded.get('user')!, 'the seed leaves users without a profile');
    for (const table of ['user', 'follow', 'profile']) assert.equal(await rowsOf(table), seeded.get(table), `measuring left ${table} as seeded`);

    for (const set of [...(await drawnFor(loaded, 'follow_user')), ...(await drawnFor(loaded, 'refollow'))]) {
      assert.ok(await exists(`select 1 from "user" where id = $1`, [set.follower]), 'the follower exists');
      assert.ok(await exists(`select 1 from "user" where id = $1`, [set.followee]), 'the followee exists');
      assert.ok(
        !(await exists(`select 1 from follow where follower_id = $1 and followee_id = $2`, [set.follower, set.followee])),
        `the pair ${set.follower}→${set.followee} is new`,
      );
    }
    for (const set of await drawnFor(loaded, 'create_profile')) {
      assert.ok(await exists(`select 1 from "user" where id = $1`, [set.user]), 'the user exists');
      assert.ok(!(await exists(`select 1 from profile where user_id = $1`, [set.user])), `user ${set.user} has no profile yet`);
    }
    for (const set of await drawnFor(loaded, 'sign_up'))
      assert.ok(!(await exists(`select 1 from "user" where handle = $1`, [set.handle])), `the handle ${String(set.handle)} is free`);
  });

  it('under shared-schema tenancy: references of one tenant, a link combination not seeded, a key unique within the tenant', async (t) => {
    const loaded = await load('tenant-links.yaml');
    const result = await verifyFresh(t, loaded);
    assert.deepEqual(
      result.report.findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.deepEqual(
      result.report.patterns.map((p) => p.name),
      ['link_product', 'add_line', 'add_product'],
    );
    assert.equal(result.report.seed.tables.find((t) => t.table === 'product_category')!.rows, 29, '30 combinations within the tenants, one left free');

    for (const set of await drawnFor(loaded, 'link_product')) {
      assert.ok(await exists(`select 1 from product where tenant_id = $1 and id = $2`, [set.tenant, set.product]), 'the product is of the tenant');
      assert.ok(await exists(`select 1 from category where tenant_id = $1 and id = $2`, [set.tenant, set.category]), 'the category is of the tenant');
      assert.ok(
        !(await exists(`select 1 from product_category where tenant_id = $1 and product_id = $2 and category_id = $3`, [
          set.tenant,
          set.product,
          set.category,
        ])),
        'the link is new',
      );
    }
    for (const set of await drawnFor(loaded, 'add_line')) {
      assert.ok(await exists(`select 1 from "order" where tenant_id = $1 and id = $2`, [set.tenant, set.order]), 'the order is of the tenant');
      assert.ok(await exists(`select 1 from product where tenant_id = $1 and id = $2`, [set.tenant, set.product]), 'the product is of the same tenant');
      assert.ok(Number(set.quantity) >= 1, 'the made-up quantity keeps its min check');
    }
    for (const set of await drawnFor(loaded, 'add_product'))
      assert.ok(!(await exists(`select 1 from product where tenant_id = $1 and sku = $2`, [set.tenant, set.sku])), 'the sku is new in the tenant');
  });
});

describe('verify on PGlite: a pattern the engine refuses', () => {
  it("is reported as that pattern's finding, with the engine's message and a hint, and the other patterns are measured", async (t) => {
    const loaded = await load('failing-pattern.yaml');
    const result = await verifyFresh(t, loaded);
    assert.deepEqual(
      result.report.patterns.map((p) => p.name),
      ['item_by_name', 'add_item'],
    );
    for (const p of result.report.patterns) assert.ok(p.nodeTypes.length > 0 && p.without.nodeTypes.length > 0, `${p.name} was measured`);
    const failed = result.report.findings.filter((f) => f.code === 'verify/pattern-failed');
    assert.equal(failed.length, 2);
    assert.equal(failed[0]!.severity, 'error');
    assert.match(
      failed[0]!.message,
      /^add_empty_item failed on the engine without the design's secondary indexes: new row for relation "item" violates check constraint "item_quantity_check".*\[SQLSTATE 23514\]/,
    );
    assert.match(failed[0]!.fix!, /check constraint/);
    assert.match(failed[1]!.message, /^share_of_nothing failed on the engine .*division by zero \[SQLSTATE 22012\]/);
    assert.match(failed[1]!.fix!, /NULLIF/);
    assert.ok(
      result.design.diagnostics.some((d) => d.code === 'verify/pattern-failed'),
      'the findings are in the design too',
    );
  });

  it('makes `dbarchitect verify` exit 1 (findings), not 3 (engine failure)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dbarchitect-verify-')), 'out');
    const result = await runCli(['verify', fixture('failing-pattern.yaml'), '--out', out, '--runs', '1']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /error verify\/pattern-failed: add_empty_item failed on the engine/);
    assert.match(result.stderr, /item_by_name: [\d.]+ ms via/);
    assert.doesNotMatch(result.stderr, /verification failed on the engine/);
  });
});
