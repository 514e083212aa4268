import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './helpers.js';

/**
 * The package as a user gets it: `npm pack` (which runs `prepare`: the build into dist/ with its
 * declaration files), the tarball installed into a new project, and `import … from 'dbarchitect'`
 * run there. The install is npm's own (`npm install <tarball>`, from the cache where it can, from the
 * registry for the rest). Only where no registry can be reached is the tarball unpacked where npm
 * puts it, with its dependencies linked from the checkout's node_modules; the test says which.
 */
describe('the packed package, installed into a project', () => {
  const work = mkdtempSync(join(tmpdir(), 'dbarchitect-package-'));
  const project = join(work, 'consumer');
  let installedBy = '';

  const run = (command: string, args: readonly string[], cwd: string) => {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };

  before(() => {
    const packed = run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
    // --ignore-scripts: the one install script is better-sqlite3's native build (minutes of compiling
    // where no prebuilt binary can be fetched), which `npm ci` of the checkout already covers and
    // which design and verify do not load.
    const installed = run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], project);
    if (installed.status === 0) {
      installedBy = 'npm install --ignore-scripts <tarball>';
      return;
    }
    assert.match(
      installed.stderr,
      /ENOTCACHED|only-if-cached|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/,
      `the install failed for another reason than a missing registry: ${installed.stderr}`,
    );
    const target = join(project, 'node_modules', 'dbarchitect');
    mkdirSync(target, { recursive: true });
    const unpacked = run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], project);
    assert.equal(unpacked.status, 0, unpacked.stderr);
    symlinkSync(join(ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
    installedBy = "unpacked tarball, dependencies linked from the checkout's node_modules (no registry reachable)";
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships the build, its declaration files, the docs and the example specs', (t) => {
    t.diagnostic(`installed by: ${installedBy}`);
    const root = join(project, 'node_modules', 'dbarchitect');
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/api/library.d.ts',
      'dist/mcp/server.js',
      'dist/cli/main.js',
      'docs/spec.md',
      'examples/saas-shop.yaml',
    ])
      assert.ok(existsSync(join(root, file)), file);
    assert.ok(!existsSync(join(root, 'dist/mcp/tool.test.js')), 'tests are not built into the package');
  });

  it("`import { design, verify } from 'dbarchitect'` designs and verifies the reference spec", () => {
    writeFileSync(
      join(project, 'run.mjs'),
      `import { check, design, verify } from 'dbarchitect';
const spec = new URL('./node_modules/dbarchitect/examples/saas-shop.yaml', import.meta.url).pathname;
const checked = await check(spec);
const designed = await design(spec);
if (!designed.ok) throw new Error(JSON.stringify(designed.diagnostics));
const verified = await verify(spec, { largestRows: 2000, runs: 1 });
if (!verified.ok) throw new Error(JSON.stringify(verified.diagnostics));
console.log(JSON.stringify({
  checked: checked.ok,
  choice: designed.design.technology.choice,
  executedOn: designed.design.ddl[0].executedOn,
  files: designed.artifacts.map((a) => a.path),
  engine: verified.report.engine,
  patterns: verified.report.patterns.map((p) => [p.name, p.indexesUsed]),
}));
`,
    );
    const result = run(process.execPath, ['run.mjs'], project);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '', 'the library prints nothing of its own');
    const out = JSON.parse(result.stdout);
    assert.equal(out.checked, true);
    assert.equal(out.choice, 'postgresql');
    assert.match(out.executedOn, /PGlite/);
    assert.ok(out.files.includes('schema/postgres.sql'));
    assert.match(out.engine, /PGlite/);
    assert.equal(out.patterns.length, 8);
    assert.deepEqual(Object.fromEntries(out.patterns).customer_orders, ['order_tenant_id_customer_id_placed_at_idx']);
  });

  it("the declaration files type a consumer's TypeScript, and catch its mistakes", () => {
    // skipLibCheck: the declarations are tsc's own output; what is tested is that they type the consumer's code.
    const compilerOptions = { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['good.ts'] }));
    writeFileSync(join(project, 'tsconfig.bad.json'), JSON.stringify({ compilerOptions, files: ['bad.ts'] }));
    const good = `import { design, verify, audit, diff, lint, introspect, type DesignResult, type Diagnostic } from 'dbarchitect';
const result: DesignResult = await design({ yaml: 'version: 1', file: 'inline.yaml' }, { engine: 'none' });
const problems: readonly Diagnostic[] = result.diagnostics;
if (result.ok) console.log(result.design.technology.choice, problems.length);
void verify; void audit; void diff; void lint; void introspect;
export {};
`;
    writeFileSync(join(project, 'good.ts'), good);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    writeFileSync(
      join(project, 'bad.ts'),
      `import { design } from 'dbarchitect';\nconst r = await design('spec.yaml');\nif (r.ok) r.design.technology.choise;\nexport {};\n`,
    );
    const refused = run(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], project);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stdout, /bad\.ts\(3,.*Property 'choise' does not exist/);
  });
});
