import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SAMPLE_ROWS } from '../src/api/dependencies.js';
import { introspectSchemes } from '../src/api/introspect.js';
import { ROOT, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-startup-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const migration = join(dir, 'tiny.sql');
writeFileSync(migration, 'CREATE INDEX CONCURRENTLY i ON t (a);\n');

/** A module hook that appends every URL Node loads to the file it is given. */
const TRACE_HOOKS = `import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function load(url, context, next) { appendFileSync(file, url + '\\n'); return next(url, context); }`;
const TRACE_REGISTER = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(TRACE_HOOKS)}), { data: { file: process.env.DBARCHITECT_TRACE_FILE } });`;

/** The modules (paths under the repository, `node_modules/…` for packages) the CLI loads to run `args`. */
function modulesLoaded(args: readonly string[]): string[] {
  const file = join(dir, `trace-${args.join('-').replace(/[^a-z0-9-]/gi, '_')}.txt`);
  writeFileSync(file, '');
  const run = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--import', `data:text/javascript,${encodeURIComponent(TRACE_REGISTER)}`, join(ROOT, 'src/cli/main.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DBARCHITECT_TRACE_FILE: file } },
  );
  assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => {
      const path = fileURLToPath(url);
      const inPackages = path.lastIndexOf('/node_modules/');
      return inPackages >= 0 ? path.slice(inPackages + 1) : relative(ROOT, path);
    });
}

/** What `lint` on a file needs none of: the engines' drivers, the spec loader, the design and verify code. */
const NOT_FOR_LINT = [
  /^node_modules\/@electric-sql\/pglite\//,
  /^node_modules\/pg\//,
  /^node_modules\/mysql2\//,
  /^node_modules\/zod\//,
  /^src\/engines\/(pglite|postgres|mysql)\.ts$/,
  /^src\/spec\/load-spec\.ts$/,
  /^node_modules\/yaml\//,
  /^src\/design\//,
  /^src\/verify\//,
  /^src\/api\/(design|verify|audit|introspect)\.ts$/,
];

describe('the CLI loads only what the command that runs needs', () => {
  it('lint on a file loads no engine driver, spec loader, design or verify module', () => {
    const loaded = modulesLoaded(['lint', migration, '--format', 'json']);
    assert.ok(loaded.includes('src/rules/lint/support/lint-migration.ts'), `the lint itself is loaded:\n${loaded.join('\n')}`);
    assert.deepEqual(
      loaded.filter((m) => NOT_FOR_LINT.some((pattern) => pattern.test(m))),
      [],
    );
  });

  it('lint --spec loads the spec loader, when it is asked for', () => {
    const loaded = modulesLoaded(['lint', migration, '--spec', join(ROOT, 'examples/saas-shop.yaml'), '--format', 'json']);
    assert.ok(loaded.includes('src/spec/load-spec.ts'));
    assert.ok(!loaded.some((m) => m.startsWith('node_modules/@electric-sql/pglite/')), 'a spec needs no engine');
  });
});

describe('help text written out in the commands instead of imported (so that it costs nothing at start)', () => {
  it("introspect's <target> lists every URL scheme api/introspect reads", async () => {
    const help = await runCli(['introspect', '--help']);
    assert.equal(help.status, 0);
    const listed = /a connection URL \(([^)]*)\) or a \.sql file/.exec(help.stdout.replace(/\s+/g, ' '))?.[1];
    assert.equal(
      listed,
      introspectSchemes()
        .map((s) => `${s}://…`)
        .join(', '),
    );
  });

  it("normalize's --sample default is api/dependencies' DEFAULT_SAMPLE_ROWS", async () => {
    const help = await runCli(['normalize', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout.replace(/\s+/g, ' '), new RegExp(`--sample <rows> rows sampled per table \\(default: "${DEFAULT_SAMPLE_ROWS}"\\)`));
  });
});
