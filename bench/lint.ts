/**
 * Benchmark of migration lint next to squawk on the same generated file, in one run.
 *
 *   npm run bench:lint                      # markdown table on stdout, progress on stderr
 *   node --import tsx bench/lint.ts --json --statements=10000 --runs=5
 *
 * Input: a generated migration of N statements (default 10,000), cycling through the kinds the
 * corpus covers (index builds, constraints, column changes, renames, drops, types, enums, DO
 * blocks, transactions, SETs), over 500 table names so no two neighbours repeat.
 * Compared, each the median of R runs (default 5) after one warm-up, interleaved:
 * - squawk: `squawk --reporter json file` as a process (the squawk-cli dev dependency).
 * - dbarchitect, process: `node --import tsx src/cli/main.ts lint file --format json`, the command
 *   as a user runs it from a checkout (tsx compiles the TypeScript at start).
 * - dbarchitect, in process: readMigration + lintMigration on the text, after the parser is loaded
 *   (the lint itself, without Node's start and tsx).
 * Ratios are against squawk's median. Exit 0 whether or not the goal (2x) is met: a benchmark.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDialect } from '../src/dialects/registry.js';
import { lintMigration } from '../src/rules/lint/support/lint-migration.js';
import { readMigration } from '../src/rules/lint/support/read-migration.js';
import { loadPgParser } from '../src/sql/pg-parser.js';
import { squawkLauncher } from '../test/squawk.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_RATIO = 2;
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const STATEMENTS = arg('statements', 10_000);
const RUNS = arg('runs', 5);
const json = process.argv.includes('--json');

/** The statement kinds, each a function of a table number: what the corpus has, one of each in turn. */
const KINDS: ((t: string, i: number) => string)[] = [
  (t, i) => `CREATE INDEX ${t}_a_${i} ON ${t} (a)`,
  (t, i) => `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${t}_b_${i} ON ${t} (b)`,
  (t, i) => `DROP INDEX ${t}_a_${i - 2}`,
  (t, i) => `ALTER TABLE ${t} ADD CONSTRAINT ${t}_c_${i} CHECK (a > 0)`,
  (t, i) => `ALTER TABLE ${t} ADD CONSTRAINT ${t}_f_${i} FOREIGN KEY (u_id) REFERENCES account (id) NOT VALID`,
  (t, i) => `ALTER TABLE ${t} VALIDATE CONSTRAINT ${t}_f_${i - 1}`,
  (t, i) => `ALTER TABLE ${t} ADD COLUMN c${i} text NOT NULL`,
  (t, i) => `ALTER TABLE ${t} ADD COLUMN d${i} uuid DEFAULT gen_random_uuid()`,
  (t, i) => `ALTER TABLE ${t} ADD COLUMN e${i} bigint NOT NULL DEFAULT 0`,
  (t) => `ALTER TABLE ${t} ALTER COLUMN a SET NOT NULL`,
  (t) => `ALTER TABLE ${t} ALTER COLUMN b TYPE bigint`,
  (t, i) => `ALTER TABLE ${t} RENAME COLUMN x${i} TO y${i}`,
  (t, i) => `ALTER TABLE ${t} DROP COLUMN z${i}`,
  (t, i) => `CREATE TABLE ${t}_n${i} (id serial PRIMARY KEY, code char(3), name varchar(40), at timestamp, qty int)`,
  (t, i) => `ALTER TYPE ${t}_status ADD VALUE 'v${i}'`,
  (t) => `TRUNCATE ${t} CASCADE`,
  (t, i) => `DO $$ BEGIN ALTER TABLE ${t} ADD COLUMN g${i} int; END $$`,
  () => "SET lock_timeout = '2s'",
  (t, i) => `ALTER TABLE ${t} ADD COLUMN h${i} bigint GENERATED ALWAYS AS IDENTITY`,
  (t) => `ALTER TABLE ${t} DETACH PARTITION ${t}_2019`,
];

function generate(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${KINDS[i % KINDS.length]!(`t${(i * 7) % 500}`, i)};`);
  return `${lines.join('\n')}\n`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-bench-lint-'));
const file = join(dir, `migration-${STATEMENTS}.sql`);
const text = generate(STATEMENTS);
writeFileSync(file, text);

await loadPgParser();
const locks = getDialect('postgres')!.locks!;
const squawk = squawkLauncher();
const squawkVersion = spawnSync(process.execPath, [squawk, '--version'], { encoding: 'utf8' }).stdout.trim();

let ourFindings = 0;
let squawkFindings = 0;
const inProcess = () => {
  const read = readMigration(file, text, { locks });
  if (!read.ok) throw new Error(read.message);
  ourFindings = lintMigration(read.context).length;
};
const ourProcess = () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'lint', file, '--format', 'json', '--fail-on', 'never'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(`dbarchitect lint exited ${run.status}: ${run.stderr}`);
};
const squawkProcess = () => {
  const run = spawnSync(process.execPath, [squawk, '--reporter', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`squawk exited ${run.status}: ${run.stderr}`);
  squawkFindings = (JSON.parse(run.stdout) as unknown[]).length;
};

const samples = { squawk: [] as number[], ours: [] as number[], inProcess: [] as number[] };
const load0 = loadavg()[0]!;
process.stderr.write(`lint bench: ${STATEMENTS} statements, ${RUNS} runs each after a warm-up\n`);
squawkProcess();
ourProcess();
inProcess();
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 ? [ourProcess, squawkProcess] : [squawkProcess, ourProcess];
  for (const f of order) (f === squawkProcess ? samples.squawk : samples.ours).push(time(f));
  samples.inProcess.push(time(inProcess));
  process.stderr.write(`  run ${r + 1}/${RUNS}\n`);
}
const result = {
  statements: STATEMENTS,
  runs: RUNS,
  squawkVersion,
  squawkMs: median(samples.squawk),
  oursProcessMs: median(samples.ours),
  oursInProcessMs: median(samples.inProcess),
  squawkFindings,
  ourFindings,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
};
const ratio = (ms: number) => ms / result.squawkMs;
if (json) console.log(JSON.stringify({ ...result, processRatio: ratio(result.oursProcessMs), inProcessRatio: ratio(result.oursInProcessMs) }, null, 2));
else
  console.log(
    [
      `| run on ${STATEMENTS.toLocaleString('en')} statements (${result.machine}) | median ms | × squawk | findings |`,
      '|---|---:|---:|---:|',
      `| ${squawkVersion}, process | ${result.squawkMs.toFixed(0)} | 1.00 | ${squawkFindings} |`,
      `| dbarchitect lint, process (tsx) | ${result.oursProcessMs.toFixed(0)} | ${ratio(result.oursProcessMs).toFixed(2)} | ${ourFindings} |`,
      `| dbarchitect lint, in process | ${result.oursInProcessMs.toFixed(0)} | ${ratio(result.oursInProcessMs).toFixed(2)} | ${ourFindings} |`,
      '',
      `goal: within ${GOAL_RATIO}× of squawk: ${ratio(result.oursProcessMs) <= GOAL_RATIO ? 'met' : 'not met'} as a process, ${ratio(result.oursInProcessMs) <= GOAL_RATIO ? 'met' : 'not met'} in process`,
    ].join('\n'),
  );
