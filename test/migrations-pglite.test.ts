import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { introspectorFor } from '../src/dialects/registry.js';
import type { Engine } from '../src/engines/engine.js';
import { freshSchema, sharedEngine } from './engines.js';
import { compareGolden } from './golden-file.js';
import { REFERENCE_SPEC, ROOT, runCli } from './helpers.js';
import { parseLiquibaseChangelog, splitOnSemicolons } from './migration-tools.js';

const TOOLS = ['flyway', 'liquibase', 'prisma', 'drizzle'] as const;
const GOLDEN = join(ROOT, 'test', 'golden', 'saas-shop');

/** What a schema holds, as the introspector and the privilege catalogs read it, its own name replaced by NS. */
async function fingerprint(engine: Engine, ns: string): Promise<string> {
  const { schema } = await introspectorFor('postgres')!.introspect(engine, { namespaces: [ns] });
  const tables = schema.tables.map(({ stats: _, ...t }) => ({ ...t, indexes: t.indexes.map(({ stats: __, ...i }) => i) }));
  const grants = await engine.query(
    `SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants WHERE table_schema = $1 ORDER BY 1, 2, 3`,
    [ns],
  );
  const columnGrants = await engine.query(
    `SELECT table_name, column_name, grantee, privilege_type FROM information_schema.column_privileges WHERE table_schema = $1 AND grantee LIKE 'saas_shop_%' ORDER BY 1, 2, 3, 4`,
    [ns],
  );
  const owners = await engine.query(
    `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c WHERE c.relnamespace = $1::regnamespace ORDER BY 1`,
    [ns],
  );
  const defaults = await engine.query(
    `SELECT pg_get_userbyid(defaclrole) AS role, defaclobjtype, defaclacl::text AS acl FROM pg_default_acl WHERE defaclnamespace = $1::regnamespace ORDER BY 1, 2`,
    [ns],
  );
  return JSON.stringify({ ...schema, tables, grants, columnGrants, owners, defaults }, null, 1).replaceAll(ns, 'NS');
}

/** Each tool's files applied as the tool applies them, in the schema the session's search_path names. */
const APPLY: Record<(typeof TOOLS)[number], (engine: Engine, files: ReadonlyMap<string, string>) => Promise<void>> = {
  // Versions in numeric order; each migration in one transaction, cut by Flyway's parser (it knows $$).
  async flyway(engine, files) {
    const versions = [...files.keys()].filter((p) => p.startsWith('migrations/flyway/'));
    versions.sort((a, b) => version(a) - version(b));
    for (const path of versions) {
      await engine.exec('BEGIN');
      for (const statement of splitOnSemicolons(files.get(path)!, { dollarQuotes: true })) await engine.exec(statement);
      await engine.exec('COMMIT');
    }
  },
  // Changesets in order, each in one transaction; split at semicolons (not knowing $$) unless splitStatements:false.
  async liquibase(engine, files) {
    for (const changeset of parseLiquibaseChangelog(files.get('migrations/liquibase/changelog.sql')!)) {
      const split = changeset.attributes.splitStatements !== 'false';
      await engine.exec('BEGIN');
      for (const statement of split ? splitOnSemicolons(changeset.sql, { dollarQuotes: false }) : [changeset.sql]) await engine.exec(statement);
      await engine.exec('COMMIT');
    }
  },
  // Folders in name order; each migration.sql sent as one script (its own BEGIN … COMMIT makes it atomic).
  async prisma(engine, files) {
    const scripts = [...files.keys()].filter((p) => /^migrations\/prisma\/migrations\/[^/]+\/migration\.sql$/.test(p)).sort();
    for (const path of scripts) await engine.exec(files.get(path)!);
  },
  // The journal's entries in order, each file cut at the breakpoints; drizzle runs them all in one transaction.
  async drizzle(engine, files) {
    const journal = JSON.parse(files.get('migrations/drizzle/meta/_journal.json')!) as { entries: { tag: string }[] };
    await engine.exec('BEGIN');
    for (const entry of journal.entries) {
      for (const statement of files.get(`migrations/drizzle/${entry.tag}.sql`)!.split('--> statement-breakpoint')) await engine.exec(statement);
    }
    await engine.exec('COMMIT');
  },
};

const version = (path: string) => Number(/\/V(\d+)__/.exec(path)![1]);

const engine = sharedEngine();

describe('migration files for the initial schema (--migrations)', () => {
  let files: Map<string, string>;
  let scripts: { schema: string; security: string };
  before(async () => {
    const result = await designFromFile(REFERENCE_SPEC, { migrations: [...TOOLS] });
    assert.ok(result.ok);
    files = new Map(result.artifacts.filter((a) => a.path.startsWith('migrations/')).map((a) => [a.path, a.content]));
    const text = (path: string) => result.artifacts.find((a) => a.path === path)!.content;
    scripts = { schema: text('schema/postgres.sql'), security: text('schema/postgres-security.sql') };
  });

  it('writes each tool its files, with the names it reads', () => {
    assert.deepEqual([...files.keys()].sort(), [
      'migrations/drizzle/0000_init.sql',
      'migrations/drizzle/0001_security.sql',
      'migrations/drizzle/meta/_journal.json',
      'migrations/flyway/V1__init.sql',
      'migrations/flyway/V2__security.sql',
      'migrations/liquibase/changelog.sql',
      'migrations/prisma/migrations/0_init/migration.sql',
      'migrations/prisma/migrations/1_security/migration.sql',
      'migrations/prisma/migrations/migration_lock.toml',
    ]);
    assert.match(files.get('migrations/prisma/migrations/migration_lock.toml')!, /^provider = "postgresql"$/m);
    const journal = JSON.parse(files.get('migrations/drizzle/meta/_journal.json')!);
    assert.equal(journal.dialect, 'postgresql');
    assert.deepEqual(
      journal.entries.map((e: { idx: number; tag: string; breakpoints: boolean }) => [e.idx, e.tag, e.breakpoints]),
      [
        [0, '0000_init', true],
        [1, '0001_security', true],
      ],
    );
    const when = journal.entries.map((e: { when: number }) => e.when);
    assert.ok(
      when.every((w: number, i: number) => i === 0 || w > when[i - 1]),
      'drizzle applies an entry only when its `when` is later than the last applied',
    );
    // Flyway replaces ${name} placeholders in every migration by default: none may be there.
    for (const [path, text] of files) if (path.startsWith('migrations/flyway/')) assert.ok(!text.includes('${'), path);
  });

  it('leaves BEGIN and COMMIT to the tools that run a migration in their own transaction, and keeps them for Prisma, which does not', () => {
    const hasOwnTransaction = (text: string) => /^BEGIN;$/m.test(text) && /^COMMIT;$/m.test(text);
    for (const path of ['migrations/flyway/V1__init.sql', 'migrations/drizzle/0000_init.sql', 'migrations/liquibase/changelog.sql'])
      assert.equal(hasOwnTransaction(files.get(path)!), false, path);
    assert.equal(hasOwnTransaction(files.get('migrations/prisma/migrations/0_init/migration.sql')!), true);
    assert.ok(files.get('migrations/prisma/migrations/0_init/migration.sql')!.endsWith(scripts.schema), 'the design script, verbatim');
  });

  it('the Liquibase changelog is well formed: unique author:id, known attributes, and no $$ body in a changeset it splits', () => {
    const changesets = parseLiquibaseChangelog(files.get('migrations/liquibase/changelog.sql')!);
    assert.ok(changesets.length > 2);
    assert.equal(new Set(changesets.map((c) => `${c.author}:${c.id}`)).size, changesets.length);
    for (const c of changesets) {
      assert.equal(c.author, 'dbarchitect');
      assert.deepEqual(
        Object.keys(c.attributes).filter((k) => !['dbms', 'splitStatements', 'endDelimiter'].includes(k)),
        [],
        c.id,
      );
      assert.equal(c.attributes.dbms, 'postgresql');
      if (c.attributes.splitStatements !== 'false') assert.ok(!/\$[A-Za-z_]*\$/.test(c.sql), `changeset ${c.id} is split but holds a dollar-quoted body`);
      assert.ok(c.comment, `changeset ${c.id} says what it holds`);
    }
    assert.ok(changesets.some((c) => c.attributes.splitStatements === 'false' && /CREATE FUNCTION/.test(c.sql)));
  });

  for (const tool of TOOLS) {
    it(`${tool}: applied as ${tool} applies it, gives the schema that schema/postgres.sql and its security script give`, async (t: TestContext) => {
      const reference = await freshSchema(t, engine, 'reference');
      await engine.exec(scripts.schema);
      await engine.exec(scripts.security);
      const expected = await fingerprint(engine, reference);
      const ns = await freshSchema(t, engine, tool);
      await APPLY[tool](engine, files);
      assert.equal(await fingerprint(engine, ns), expected);
      assert.ok(expected.includes('order_history_trigger') && expected.includes('customer_tenant_isolation') && expected.includes('saas_shop_readonly'));
    });
  }

  it('the reference spec: each migration file matches its golden file, and a second run writes the same bytes', async () => {
    for (const [path, text] of files) compareGolden(join(GOLDEN, path), text);
    const again = await designFromFile(REFERENCE_SPEC, { migrations: [...TOOLS] });
    assert.ok(again.ok);
    assert.deepEqual(new Map(again.artifacts.filter((a) => a.path.startsWith('migrations/')).map((a) => [a.path, a.content])), files);
  });

  describe('dbarchitect design --migrations', () => {
    const out = mkdtempSync(join(tmpdir(), 'dbarchitect-migrations-'));
    after(() => rmSync(out, { recursive: true, force: true }));

    it('writes the named tools’ folders into the design folder', async () => {
      const run = await runCli(['design', REFERENCE_SPEC, '--no-engine', '--migrations', 'flyway,prisma', '-o', out]);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(existsSync(join(out, 'migrations', 'flyway', 'V1__init.sql')));
      assert.ok(existsSync(join(out, 'migrations', 'prisma', 'migrations', '0_init', 'migration.sql')));
      assert.ok(!existsSync(join(out, 'migrations', 'drizzle')), 'only the tools named');
      assert.equal(
        readFileSync(join(out, 'migrations', 'flyway', 'V1__init.sql'), 'utf8'),
        readFileSync(join(GOLDEN, 'migrations', 'flyway', 'V1__init.sql'), 'utf8'),
      );
    });

    it('an unknown tool is bad input: exit 2, the names it takes, and the one meant', async () => {
      const run = await runCli(['design', REFERENCE_SPEC, '--no-engine', '--migrations', 'flyway,liquibse', '-o', out]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /unknown --migrations tool `liquibse` \(did you mean `liquibase`\?\); use flyway, liquibase, prisma, drizzle/);
    });
  });
});
