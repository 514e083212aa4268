import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { designFromFile } from '../src/api/design.js';
import { getDdlTarget } from '../src/dialects/targets.js';
import { ddlCheckerFor } from '../src/engines/ddl-checkers/index.js';
import { executeInScratchDatabase, parseMysqlScript, splitMysqlStatements } from '../src/engines/ddl-checkers/mysql.js';
import { sqlfluffVersion } from '../src/engines/sqlfluff.js';
import type { Schema } from '../src/model/schema.js';
import { MYSQL_FEATURES } from './fixtures/mysql-features.js';
import { REFERENCE_SPEC, referenceDesign, runCli, runCliProcess } from './helpers.js';
import { requireServers } from './servers.js';

/**
 * The MySQL target without a server: the reference spec's script as a golden file, its
 * substitutions, every spec's script parsed by sqlfluff's mysql dialect, the checker's statement
 * splitting and its answers when no server or parser is there, and `design` writing the script
 * when technology selection picks TiDB.
 */
const GOLDEN = fileURLToPath(new URL('./golden/saas-shop/schema/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const SHARED_SPECS = '/work/shared/specs';
const KEYWORDS = fileURLToPath(new URL('./fixtures/mysql-keywords.yaml', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const yamlIn = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};
/** The specs once each: the shared reference spec is a copy of examples/saas-shop.yaml while the two agree. */
const distinctSpecs = (files: readonly string[]): string[] => {
  const seen = new Set<string>();
  return files.filter((f) => {
    const text = readFileSync(f, 'utf8');
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
};
const target = getDdlTarget('mysql')!;
const installed = (await sqlfluffVersion()) !== undefined;
if (requireServers && !installed) throw new Error('DBARCHITECT_REQUIRE_SERVERS=1 but sqlfluff is not installed: apt-get install sqlfluff');
const noSqlfluff = installed ? false : 'sqlfluff is not installed (apt-get install sqlfluff)';

async function script(schema: Schema) {
  await target.prepare();
  return target.emitSchema(schema);
}

function compare(path: string, actual: string): void {
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  assert.fail(
    `${path} differs at line ${line + 1}:\n  expected: ${e[line] ?? '(end of file)'}\n  actual:   ${a[line] ?? '(end of file)'}\nrun UPDATE_GOLDEN=1 and review the diff`,
  );
}

describe('the MySQL target: the reference spec', () => {
  it('is registered as a target of the MySQL-speaking engines, with its checker', () => {
    assert.deepEqual(target.engines, ['mysql', 'mariadb', 'tidb']);
    assert.equal(target.displayName, 'MySQL 8.0+ / MariaDB 10.11+');
    assert.equal(ddlCheckerFor('mysql')?.target, 'mysql');
  });

  it('schema/mysql.sql and its substitutions match their golden files', async () => {
    const { design } = await referenceDesign();
    const out = await script(design.schema);
    compare(join(GOLDEN, 'mysql.sql'), out.sql);
    compare(join(GOLDEN, 'mysql-substitutions.json'), `${JSON.stringify(out.substitutions, null, 2)}\n`);
  });

  it('states what the reference schema has that MySQL lacks, with the alternative used', async () => {
    const { design } = await referenceDesign();
    const { substitutions } = await script(design.schema);
    const find = (feature: string, object: string) => substitutions.find((s) => s.feature === feature && s.object.split(', ').includes(object));
    assert.match(find('partial index', 'order_tenant_id_placed_at_paid_idx')?.alternative ?? '', /full index with status appended/);
    assert.match(find('INCLUDE columns', 'order_tenant_id_customer_id_placed_at_idx')?.alternative ?? '', /status, total appended.*id dropped/);
    assert.match(find('row-level security', 'order')?.alternative ?? '', /filters every statement by tenant_id/);
    assert.match(find('materialized view', 'daily_revenue_mv')?.alternative ?? '', /plain view/);
    assert.match(find('range partitioning', 'inventory_event')?.alternative ?? '', /not partitioned/);
    assert.match(find('timestamp with time zone', 'order')?.alternative ?? '', /DATETIME\(6\) holding UTC/);
    assert.ok(find('transactional DDL', 'schema'));
    assert.match(find('triggers on cascaded changes', 'order_line_history_trigger')?.alternative ?? '', /order_line_order_id_fkey/);
  });
});

describe('the MySQL target: scripts parsed by sqlfluff (mysql dialect)', { skip: noSqlfluff }, () => {
  for (const file of distinctSpecs([REFERENCE_SPEC, KEYWORDS, ...yamlIn(SHARED_SPECS)])) {
    it(`${file.replace(/^.*\//, '')}: parsed, every statement`, async () => {
      const result = await designFromFile(file);
      assert.ok(result.ok);
      const out = await script(result.design.schema);
      const parsed = await parseMysqlScript(out.sql);
      assert.deepEqual(parsed, { status: 'checked', statements: out.statements, parsedBy: `${await sqlfluffVersion()} (mysql dialect)` });
    });
  }

  it('a script with generated columns is not checked by sqlfluff, and says how to check it', async () => {
    const parsed = await parseMysqlScript((await script(MYSQL_FEATURES)).sql);
    assert.equal(parsed.status, 'unavailable');
    assert.match(parsed.status === 'unavailable' ? parsed.reason : '', /cannot read generated columns .* give a MySQL or MariaDB server with --check-db/);
  });

  it('a broken script fails, with the line and the statement', async () => {
    const parsed = await parseMysqlScript('CREATE TABLE `a` (`id` INT PRIMARY KEY);\n\nCREATE TABLE `b` (`id` INT PRIMARY KEY,, `x` INT);\n');
    assert.equal(parsed.status, 'failed');
    assert.match(parsed.status === 'failed' ? parsed.message : '', /line 3/);
    assert.match(parsed.status === 'failed' ? (parsed.statement ?? '') : '', /^CREATE TABLE `b`/);
  });
});

describe('the MySQL checker without a server', () => {
  it('splits a script at the semicolons outside quotes and comments', () => {
    const sql =
      "CREATE TABLE `a;b` (`c` VARCHAR(3) DEFAULT ';' COMMENT 'it''s; fine');\n-- a comment; with a semicolon\nCREATE VIEW v AS SELECT \"x;y\" /* ; */ FROM t;\n# another;\n";
    assert.deepEqual(splitMysqlStatements(sql), [
      "CREATE TABLE `a;b` (`c` VARCHAR(3) DEFAULT ';' COMMENT 'it''s; fine');",
      '-- a comment; with a semicolon\nCREATE VIEW v AS SELECT "x;y" /* ; */ FROM t;',
    ]);
  });

  it('an unreachable server makes the check unavailable, and the password never shows', async () => {
    const url = new URL('mysql://dbarchitect@127.0.0.1:1/x');
    url.password = 'secret-pw-71c2';
    const { result } = await executeInScratchDatabase('CREATE TABLE `a` (`id` INT PRIMARY KEY);', url.toString());
    assert.equal(result.status, 'unavailable');
    assert.match(result.status === 'unavailable' ? result.reason : '', /not run: cannot connect to mysql:\/\/dbarchitect:\*\*\*@127\.0\.0\.1:1\/x/);
    assert.doesNotMatch(JSON.stringify(result), /secret-pw-71c2/);
  });
});

describe('design writes the MySQL script', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-mysql-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('by default when technology selection picks TiDB', async () => {
    const out = join(tmp(), 'design');
    const run = await runCli(['design', join(EXAMPLES, 'social-network.yaml'), '--no-engine', '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    const design = JSON.parse(readFileSync(join(out, 'design.json'), 'utf8'));
    assert.equal(design.technology.choice, 'tidb');
    const check = design.ddl.find((c: { dialect: string }) => c.dialect === 'mysql');
    assert.equal(check.file, 'schema/mysql.sql');
    assert.match(readFileSync(join(out, 'schema/mysql.sql'), 'utf8'), /^CREATE TABLE `/);
    if (installed) assert.match(check.parsedBy, /^sqlfluff .* \(mysql dialect\)$/);
    assert.ok(check.substitutions.some((s: { feature: string }) => s.feature === 'transactional DDL'));
    // Written for TiDB: its rising AUTO_INCREMENT keys are named with TiDB's own remedy.
    const tidb = check.substitutions.filter((s: { feature: string }) => s.feature === 'AUTO_INCREMENT key on TiDB');
    assert.ok(tidb.length > 0, JSON.stringify(check.substitutions.map((s: { feature: string }) => s.feature)));
    for (const s of tidb) assert.match(s.alternative, /AUTO_RANDOM/);
  });

  it('without a server or sqlfluff, the script is not checked, and the check says how to get either', () => {
    const out = join(tmp(), 'design');
    const previous = process.env.DBARCHITECT_SQLFLUFF;
    process.env.DBARCHITECT_SQLFLUFF = '/nonexistent/sqlfluff';
    let run;
    try {
      run = runCliProcess(['design', KEYWORDS, '--dialect', 'postgres,mysql', '--no-engine', '-o', out]);
    } finally {
      if (previous === undefined) delete process.env.DBARCHITECT_SQLFLUFF;
      else process.env.DBARCHITECT_SQLFLUFF = previous;
    }
    assert.equal(run.status, 0, run.stderr);
    const design = JSON.parse(readFileSync(join(out, 'design.json'), 'utf8'));
    const check = design.ddl.find((c: { dialect: string }) => c.dialect === 'mysql');
    // Named for a spec whose engine is not TiDB: no TiDB advice.
    if (design.technology.choice !== 'tidb')
      assert.ok(!(check.substitutions ?? []).some((s: { feature: string }) => s.feature === 'AUTO_INCREMENT key on TiDB'));
    assert.match(
      check.notChecked,
      /no MySQL server was given and sqlfluff is not installed: install it with `apt-get install sqlfluff`.*--check-db mysql:\/\//,
    );
  });
});
