import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { lintFiles, type LintResult } from '../src/api/lint.js';
import { lintRules } from '../src/rules/lint/index.js';
import { parsePg, loadPgParser } from '../src/sql/pg-parser.js';
import { ROOT } from './helpers.js';
import { runSquawk, type SquawkFinding } from './squawk.js';

const CORPUS = join(ROOT, 'test/fixtures/migrations');
const SPEC = join(ROOT, 'examples/saas-shop.yaml');
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.sql'))
  .sort();

/** Each squawk rule and the dbarchitect rules that report the same problem (one of them must, on the same line). */
const SQUAWK_TO_OURS: Readonly<Record<string, readonly string[]>> = {
  'adding-field-with-default': ['volatile-default', 'serial-column-added'],
  'adding-foreign-key-constraint': ['constraint-without-not-valid'],
  'adding-not-nullable-field': ['set-not-null'],
  'adding-required-field': ['required-column'],
  'adding-serial-primary-key-field': ['constraint-builds-index'],
  'ban-char-field': ['char-column'],
  'ban-concurrent-index-creation-in-transaction': ['concurrent-index-in-transaction'],
  'ban-drop-column': ['drop-data'],
  'ban-drop-database': ['drop-data'],
  'ban-drop-table': ['drop-data'],
  'ban-truncate-cascade': ['truncate-cascade'],
  'ban-uncommitted-transaction': ['unfinished-transaction'],
  'changing-column-type': ['column-type-change'],
  'constraint-missing-not-valid': ['constraint-without-not-valid', 'constraint-builds-index'],
  'disallowed-unique-constraint': ['constraint-builds-index'],
  'identifier-too-long': ['long-identifier'],
  'prefer-bigint-over-int': ['prefer-bigint'],
  'prefer-bigint-over-smallint': ['prefer-bigint'],
  'prefer-identity': ['prefer-identity'],
  'prefer-text-field': ['prefer-text'],
  'prefer-timestamp-tz': ['prefer-timestamptz'],
  'renaming-column': ['rename-column-or-table'],
  'renaming-table': ['rename-column-or-table'],
  'require-concurrent-index-creation': ['require-concurrent-index'],
  'require-concurrent-index-deletion': ['require-concurrent-index'],
  'require-concurrent-reindex': ['require-concurrent-index'],
  'require-concurrent-partition-detach': ['partition-attach-detach'],
  'require-enum-value-ordering': ['enum-value-order'],
  'require-lock-timeout': ['missing-lock-timeout'],
  'require-statement-timeout': ['missing-statement-timeout'],
  'transaction-nesting': ['transaction-nesting'],
};

/** Squawk rules dbarchitect does not have, and why. */
const RULES_NOT_MATCHED: Readonly<Record<string, string>> = {
  'prefer-robust-stmts':
    'asks for IF NOT EXISTS / IF EXISTS so a half-applied migration can be re-run: idempotence, not a lock or data hazard, and not in issue 11; migration tools record what was applied',
};

/** Single squawk findings dbarchitect does not report, each with the reason (`file:line rule`). */
const FINDINGS_NOT_MATCHED: Readonly<Record<string, string>> = {
  '03-columns.sql:13 ban-drop-not-null':
    'DROP NOT NULL changes only the catalog and loses no data; a reader that assumed non-null values may break, a compatibility question left to the diff and plan (issue 11, point 2)',
  '08-enums.sql:2 require-lock-timeout': 'ALTER TYPE … ADD VALUE locks no table (dialects/postgres/locks.ts): no query on a table waits behind it',
  '08-enums.sql:2 require-statement-timeout': 'ALTER TYPE … ADD VALUE locks no table and changes only the catalog: it cannot run long',
  '11-ignores.sql:5 ban-drop-table':
    'dbarchitect reports it, and the migration silences it on purpose with `-- dbarchitect-ignore drop-data` (squawk reads only its own ignore comments)',
  '12-safe.sql:12 require-concurrent-index-creation':
    'the index is on `wishlist`, created earlier in the same file: it has no rows and no readers, so a plain CREATE INDEX blocks nobody',
};

let ours: LintResult;
let squawk: { findings: SquawkFinding[]; version: string };
const key = (f: SquawkFinding) => `${f.file}:${f.line + 1} ${f.rule_name}`;

before(async () => {
  await loadPgParser();
  ours = await lintFiles(
    files.map((f) => join(CORPUS, f)),
    { spec: SPEC },
  );
  squawk = runSquawk(files, CORPUS);
});

/** Our findings as `file:line` -> the rule names reported on that line. */
const oursByLine = () => {
  const lines = new Map<string, Set<string>>();
  for (const f of ours.files)
    for (const d of f.diagnostics) {
      const at = `${basename(f.file)}:${d.location!.line}`;
      lines.set(at, (lines.get(at) ?? new Set()).add(d.code.replace(/^lint\//, '')));
    }
  return lines;
};

describe('lint side by side with squawk on the corpus (test/fixtures/migrations/, the spec examples/saas-shop.yaml)', () => {
  it('the corpus has at least 60 statements, all parse, and every dbarchitect rule reports on it', () => {
    assert.deepEqual(ours.badInput, []);
    const statements = files.reduce((n, f) => {
      const parsed = parsePg(readFileSync(join(CORPUS, f), 'utf8'));
      assert.ok(parsed.ok, f);
      return n + (parsed.result.stmts ?? []).length;
    }, 0);
    assert.ok(statements >= 60, `${statements} statements`);
    const reported = new Set(ours.files.flatMap((f) => f.diagnostics.map((d) => d.code)));
    assert.deepEqual(
      lintRules.rules.map((r) => r.meta.code).filter((c) => !reported.has(c)),
      [],
      'rules the corpus never triggers',
    );
  });

  it('dbarchitect finds every problem squawk finds, on the same line, or the difference is listed with its reason', () => {
    assert.ok(squawk.version.startsWith('squawk 2.'), squawk.version);
    const lines = oursByLine();
    const unexplained: string[] = [];
    for (const f of squawk.findings) {
      if (RULES_NOT_MATCHED[f.rule_name] || FINDINGS_NOT_MATCHED[key(f)]) continue;
      const mapped = SQUAWK_TO_OURS[f.rule_name];
      if (!mapped) {
        unexplained.push(`${key(f)}: squawk rule with no dbarchitect rule mapped (${f.message})`);
        continue;
      }
      const found = lines.get(`${f.file}:${f.line + 1}`);
      if (!mapped.some((r) => found?.has(r))) unexplained.push(`${key(f)}: expected ${mapped.join(' or ')} on that line (${f.message})`);
    }
    assert.deepEqual(unexplained, []);
  });

  it('every listed difference is still a squawk finding (no stale reason)', () => {
    const seen = new Set(squawk.findings.map(key));
    assert.deepEqual(
      Object.keys(FINDINGS_NOT_MATCHED).filter((k) => !seen.has(k)),
      [],
    );
    const rules = new Set(squawk.findings.map((f) => f.rule_name));
    assert.deepEqual(
      Object.keys(RULES_NOT_MATCHED).filter((r) => !rules.has(r)),
      [],
    );
  });

  it('beyond squawk: statements inside DO blocks, which squawk does not read', () => {
    const doFile = ours.files.find((f) => f.file.endsWith('10-do-blocks.sql'))!;
    assert.deepEqual(
      doFile.diagnostics
        .filter((d) => ['lint/require-concurrent-index', 'lint/column-type-change', 'lint/drop-data'].includes(d.code))
        .map((d) => `${d.location!.line} ${d.code}`),
      ['5 lint/require-concurrent-index', '7 lint/column-type-change', '8 lint/drop-data'],
    );
    assert.deepEqual(
      squawk.findings.filter((f) => f.file === '10-do-blocks.sql'),
      [],
    );
  });

  it('beyond squawk: the same rewrite or scan is info on `tenant` (5k rows) and an error on `order_line` (600M rows), from the spec', () => {
    const sized = ours.files.find((f) => f.file.endsWith('13-sized.sql'))!;
    assert.deepEqual(
      sized.diagnostics
        .filter((d) => d.code === 'lint/volatile-default' || d.code === 'lint/set-not-null')
        .map((d) => `${d.location!.line} ${d.code} ${d.severity}`),
      ['4 lint/volatile-default info', '5 lint/volatile-default error', '6 lint/set-not-null info', '7 lint/set-not-null error'],
    );
    const levels = new Set(squawk.findings.filter((f) => f.file === '13-sized.sql' && f.rule_name !== 'prefer-robust-stmts').map((f) => f.level));
    assert.deepEqual([...levels], ['Warning'], 'squawk reports both tables alike');
  });
});
