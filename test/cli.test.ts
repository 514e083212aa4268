import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { minimalSpec, REFERENCE_SPEC, runCli, runCliProcess } from './helpers.js';

/**
 * The commands run in this process (runCli), but for one test per command that runs the real
 * process (runCliProcess): its exit code, stdout and stderr as a shell sees them. Closed pipes are
 * in cli-closed-pipe.test.ts.
 */
describe('dbarchitect design (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-cli-'));

  it('writes the design folder, named after the spec by default, with the DDL executed on PGlite', () => {
    const result = runCliProcess(['design', REFERENCE_SPEC], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '', 'artifacts go to files, messages to stderr');
    assert.match(result.stderr, /executed on PostgreSQL \d+\.\d+ \(PGlite /);
    for (const file of ['README.md', 'design.json', 'erd.mmd', 'schema/postgres.sql', '.dbarchitect-manifest.json'])
      assert.ok(existsSync(join(dir, 'saas-shop-design', file)), file);
    const design = JSON.parse(readFileSync(join(dir, 'saas-shop-design', 'design.json'), 'utf8'));
    assert.match(design.ddl[0].executedOn, /PGlite/);
    assert.match(readFileSync(join(dir, 'saas-shop-design', 'erd.mmd'), 'utf8'), /^erDiagram\n/);
  });

  it('runs again over its own unchanged output, but refuses to overwrite a changed file without --force', async () => {
    const out = join(dir, 'again');
    assert.equal((await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine'])).status, 0);
    assert.equal((await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine'])).status, 0);
    writeFileSync(join(out, 'README.md'), 'my notes');
    const refused = await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /error output\/refused: README\.md changed since dbarchitect wrote it/);
    assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'my notes', "the user's file is untouched");
    const forced = await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine', '--force']);
    assert.equal(forced.status, 0);
    assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /^# saas-shop: database design/);
  });

  it("keeps the ADR numbers of the folder's adr/numbers.json, and refuses a damaged one with exit 2", async () => {
    const out = join(dir, 'numbers');
    assert.equal((await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine'])).status, 0);
    assert.ok(existsSync(join(out, 'adr', '0101-primary-store-postgresql.md')));
    const ledgerFile = join(out, 'adr', 'numbers.json');
    const ledger = JSON.parse(readFileSync(ledgerFile, 'utf8'));
    assert.equal(ledger.numbers['technology/primary-store'], 101);
    // As if an earlier run had given the primary store number 150: it keeps it.
    writeFileSync(ledgerFile, JSON.stringify({ ...ledger, numbers: { ...ledger.numbers, 'technology/primary-store': 150 } }));
    const again = await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine', '--force']);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(existsSync(join(out, 'adr', '0150-primary-store-postgresql.md')));
    assert.ok(!existsSync(join(out, 'adr', '0101-primary-store-postgresql.md')), 'the old file is removed as stale');
    assert.equal(JSON.parse(readFileSync(ledgerFile, 'utf8')).numbers['technology/primary-store'], 150);
    writeFileSync(ledgerFile, '{ "numbers": ');
    const damaged = await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine', '--force']);
    assert.equal(damaged.status, 2);
    assert.match(damaged.stderr, /numbers\.json:1:1: error output\/bad-adr-numbers: the ADR number ledger is not valid JSON/);
    assert.match(damaged.stderr, /delete it to renumber the ADRs from scratch/);
    assert.doesNotMatch(damaged.stderr, /\n\s+at \S/, 'no stack trace');
  });

  it('refuses a non-empty folder it did not write', async () => {
    const out = join(dir, 'users-folder');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    const result = await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /was not written by dbarchitect/);
    assert.deepEqual(readFileSync(join(out, 'notes.txt'), 'utf8'), 'keep me');
    assert.ok(!existsSync(join(out, 'design.json')));
  });

  it('--print sends one artifact to stdout and writes nothing', async () => {
    const result = await runCli(['design', REFERENCE_SPEC, '--no-engine', '--print', 'sql'], { cwd: dir });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^BEGIN;\n/);
    assert.match(result.stdout, /CREATE TABLE "order" \(/);
  });

  it('--quiet prints only problems', async () => {
    const result = await runCli(['--quiet', 'design', REFERENCE_SPEC, '-o', join(dir, 'quiet'), '--no-engine']);
    assert.equal(result.status, 0);
    assert.doesNotMatch(result.stderr, /wrote|DDL:|decisions/, 'no progress or summary');
    assert.match(result.stderr, /^warning design\/fold-over-expiring-events: /, 'the one warning of the reference spec is still shown');
  });
});

describe('--fail-on counts what design.json holds, in design and verify alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-fail-on-'));
  const failing = (designJson: string) =>
    (JSON.parse(readFileSync(designJson, 'utf8')).diagnostics as { severity: string }[]).filter((d) => d.severity !== 'info').length;

  it("design --fail-on warning exits 1 on the reference spec's warning, naming it; --fail-on error exits 0", async () => {
    const out = join(dir, 'design-warning');
    const result = await runCli(['design', REFERENCE_SPEC, '-o', out, '--no-engine', '--fail-on', 'warning']);
    assert.equal(result.status, 1, result.stderr);
    const count = failing(join(out, 'design.json'));
    assert.ok(count > 0, 'design.json holds a warning');
    assert.match(result.stderr, new RegExp(`failing: ${count} findings? at or above --fail-on warning \\(design/fold-over-expiring-events`));
    assert.equal((await runCli(['design', REFERENCE_SPEC, '-o', join(dir, 'design-error'), '--no-engine', '--fail-on', 'error'])).status, 0);
    assert.equal(
      (await runCli(['design', REFERENCE_SPEC, '--no-engine', '--print', 'sql', '--fail-on', 'warning'], { cwd: dir })).status,
      1,
      '--print honours it too',
    );
  });

  it('design --fail-on warning exits 0 on a spec without warnings, and rejects an unknown level with exit 2', async () => {
    const spec = join(dir, 'clean.yaml');
    writeFileSync(spec, minimalSpec('  customer:\n    fields:\n      email: string(120)'));
    const clean = await runCli(['design', spec, '-o', join(dir, 'clean'), '--no-engine', '--fail-on', 'warning']);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(failing(join(dir, 'clean', 'design.json')), 0);
    const bad = await runCli(['design', spec, '--no-engine', '--fail-on', 'info']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fail-on must be warning, error or never, not `info`/);
  });

  it('--dialect names the target from the registry: the default is postgres, an unknown one exits 2 naming the known ones', () => {
    const named = runCliProcess(['design', REFERENCE_SPEC, '--no-engine', '--print', 'sql', '--dialect', 'postgres']);
    assert.equal(named.status, 0, named.stderr);
    assert.equal(named.stdout, runCliProcess(['design', REFERENCE_SPEC, '--no-engine', '--print', 'sql']).stdout, 'postgres is the default');
    const typo = runCliProcess(['design', REFERENCE_SPEC, '--no-engine', '--dialect', 'postgress']);
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /unknown --dialect `postgress` \(did you mean `postgres`\?\); use postgres/);
    const other = runCliProcess(['verify', REFERENCE_SPEC, '--dialect', 'oracle']);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /unknown --dialect `oracle`; use postgres/);
  });

  it('verify --fail-on warning exits 1 when the design.json it writes holds a warning', () => {
    const out = join(dir, 'verify-warning');
    const result = runCliProcess(['verify', REFERENCE_SPEC, '-o', out, '--rows', '2000', '--runs', '1', '--fail-on', 'warning']);
    assert.equal(result.status, 1, result.stderr);
    const count = failing(join(out, 'design.json'));
    assert.match(result.stderr, /^warning design\/fold-over-expiring-events: /m, "the design's warning is shown, not only verify's findings");
    assert.match(result.stderr, new RegExp(`failing: ${count} findings? at or above --fail-on warning \\(`));
  });
});

describe('dbarchitect check (CLI)', () => {
  it('says ok with counts for a valid spec', () => {
    const result = runCliProcess(['check', REFERENCE_SPEC]);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /ok: 9 entities, 9 tables, 8 access patterns/);
  });

  it('--format json and sarif are machine-readable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-fmt-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nname: x\nentities:\n  a:\n    fields:\n      b: strng\n');
    const json = runCliProcess(['check', file, '--format', 'json']);
    assert.equal(json.status, 2);
    const parsed = JSON.parse(json.stdout);
    assert.deepEqual(
      parsed.diagnostics.map((d: { code: string; location: { line: number; column: number } }) => [d.code, d.location.line, d.location.column]),
      [['spec/unknown-type', 6, 10]],
    );
    const sarif = JSON.parse(runCliProcess(['check', file, '--format', 'sarif']).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].ruleId, 'spec/unknown-type');
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 6);
  });

  it('rejects an unknown --format with exit 2', async () => {
    const result = await runCli(['check', REFERENCE_SPEC, '--format', 'xml']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown --format `xml`/);
  });
});

describe('help', () => {
  for (const command of ['design', 'check']) {
    it(`${command} --help shows usage with an example`, () => {
      const result = runCliProcess([command, '--help']);
      assert.equal(result.status, 0);
      assert.match(result.stdout, new RegExp(`Usage: dbarchitect ${command}`));
      assert.match(result.stdout, new RegExp(`Examples:\\n {2}\\$ dbarchitect ${command} `));
    });
  }
});
