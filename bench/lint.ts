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
 * - dbarchitect, built: `node dist/cli/main.js lint file --format json`, the command as installed
 *   (the bench runs `tsc -p tsconfig.build.json` first, which writes dist/).
 * - dbarchitect, tsx: `node --import tsx src/cli/main.ts lint …`, as run from a checkout (tsx
 *   compiles the TypeScript at start).
 * - dbarchitect, in process: readMigration + lintMigration on the text, after the parser is loaded
 *   (the lint itself, without Node's start and tsx).
 * - start-up: squawk and the built command on a one-statement file (what every run pays before
 *   the first statement: Node's start, the modules the command loads, the parser's WebAssembly).
 * Each process is timed by bash's `time`: wall and CPU (user + system) seconds, since the machine
 * may be shared (CPU time moves less with the load). Ratios are against squawk's medians. Exit 0 whether or not the goal (2x) is met: a benchmark.
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
const tiny = join(dir, 'tiny.sql');
writeFileSync(tiny, 'CREATE INDEX CONCURRENTLY i ON t (a);\n');

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

/** One process under bash's `time`: its wall and CPU milliseconds; exit codes 0 and 1 (findings) are fine. */
function timed(args: readonly string[]): { wall: number; cpu: number } {
  const run = spawnSync('bash', ['-c', 'TIMEFORMAT="%R %U %S"; time "$@" > /dev/null', '_', ...args], { cwd: ROOT, encoding: 'utf8' });
  const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  if (!m || (run.status !== 0 && run.status !== 1)) throw new Error(`${args.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
  return { wall: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
}
const built = join(ROOT, 'dist/cli/main.js');
const commands = {
  squawk: [process.execPath, squawk, '--reporter', 'json', file],
  built: [process.execPath, built, 'lint', file, '--format', 'json', '--fail-on', 'never'],
  tsx: [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'lint', file, '--format', 'json', '--fail-on', 'never'],
  squawkTiny: [process.execPath, squawk, '--reporter', 'json', tiny],
  builtTiny: [process.execPath, built, 'lint', tiny, '--format', 'json', '--fail-on', 'never'],
};

process.stderr.write(`lint bench: building dist/ (tsc -p tsconfig.build.json)\n`);
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {
  cwd: ROOT,
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(`the build failed: ${build.stdout}${build.stderr}`);
squawkFindings = (JSON.parse(spawnSync(commands.squawk[0]!, commands.squawk.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout) as unknown[]).length;

const samples = {
  squawk: [] as { wall: number; cpu: number }[],
  built: [] as { wall: number; cpu: number }[],
  tsx: [] as { wall: number; cpu: number }[],
  squawkTiny: [] as { wall: number; cpu: number }[],
  builtTiny: [] as { wall: number; cpu: number }[],
  inProcess: [] as number[],
  inProcessCpu: [] as number[],
};
const load0 = loadavg()[0]!;
process.stderr.write(`lint bench: ${STATEMENTS} statements, ${RUNS} runs each after a warm-up\n`);
for (const name of ['squawk', 'built', 'tsx', 'squawkTiny', 'builtTiny'] as const) timed(commands[name]);
inProcess();
for (let r = 0; r < RUNS; r++) {
  const order = (
    r % 2 ? ['builtTiny', 'squawkTiny', 'tsx', 'built', 'squawk'] : ['squawk', 'built', 'tsx', 'squawkTiny', 'builtTiny']
  ) as (keyof typeof commands)[];
  for (const name of order) samples[name].push(timed(commands[name]));
  const c0 = process.cpuUsage();
  samples.inProcess.push(time(inProcess));
  const c1 = process.cpuUsage(c0);
  samples.inProcessCpu.push((c1.user + c1.system) / 1000);
  process.stderr.write(`  run ${r + 1}/${RUNS}\n`);
}
const med = (xs: { wall: number; cpu: number }[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
const result = {
  statements: STATEMENTS,
  runs: RUNS,
  squawkVersion,
  squawk: med(samples.squawk),
  built: med(samples.built),
  tsx: med(samples.tsx),
  squawkTiny: med(samples.squawkTiny),
  builtTiny: med(samples.builtTiny),
  inProcess: { wall: median(samples.inProcess), cpu: median(samples.inProcessCpu) },
  squawkFindings,
  ourFindings,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
};
const ratio = (row: { wall: number; cpu: number }) => ({ wall: row.wall / result.squawk.wall, cpu: row.cpu / result.squawk.cpu });
const rows = [
  [`${squawkVersion}, process`, result.squawk, squawkFindings],
  ['dbarchitect lint, built (node dist/cli/main.js)', result.built, ourFindings],
  ['dbarchitect lint, tsx (node --import tsx src/cli/main.ts)', result.tsx, ourFindings],
  ['dbarchitect lint, in process (read + rules, parser loaded)', result.inProcess, ourFindings],
] as const;
const startRows = [
  [`${squawkVersion}, one statement`, result.squawkTiny],
  ['dbarchitect lint, built, one statement', result.builtTiny],
] as const;
const startRatio = (row: { wall: number; cpu: number }) => ({ wall: row.wall / result.squawkTiny.wall, cpu: row.cpu / result.squawkTiny.cpu });
if (json)
  console.log(
    JSON.stringify(
      {
        ...result,
        ratios: Object.fromEntries(rows.map(([name, row]) => [name, ratio(row)])),
        startRatios: Object.fromEntries(startRows.map(([name, row]) => [name, startRatio(row)])),
      },
      null,
      2,
    ),
  );
else {
  console.log(`| ${STATEMENTS.toLocaleString('en')} statements (${result.machine}) | wall ms | × squawk | CPU ms | × squawk | findings |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name, row, findings] of rows)
    console.log(`| ${name} | ${row.wall.toFixed(0)} | ${ratio(row).wall.toFixed(2)} | ${row.cpu.toFixed(0)} | ${ratio(row).cpu.toFixed(2)} | ${findings} |`);
  console.log(`\n| start-up (one statement) | wall ms | × squawk | CPU ms | × squawk |`);
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, row] of startRows)
    console.log(`| ${name} | ${row.wall.toFixed(0)} | ${startRatio(row).wall.toFixed(2)} | ${row.cpu.toFixed(0)} | ${startRatio(row).cpu.toFixed(2)} |`);
  const met = (row: { wall: number; cpu: number }) => (ratio(row).wall <= GOAL_RATIO ? 'met' : 'not met');
  console.log(
    `\ngoal, within ${GOAL_RATIO}× of squawk's wall time: ${met(result.built)} built, ${met(result.inProcess)} in process, ${met(result.tsx)} under tsx`,
  );
}
