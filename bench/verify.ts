/**
 * Wall time of `verify` on the reference spec at the default scale (largest table 200k rows) on
 * PGlite, side by side in one run with its floor: starting PGlite, applying the DDL and seeding the
 * same data (the work verify cannot avoid before it measures anything). The ratio is what
 * measuring costs on top. Goal (issue 3): verify under 60 s on 2 cores.
 *
 *   node --import tsx bench/verify.ts [--rounds=2] [--rows=200000] [--json]
 *
 * Each round starts a fresh PGlite for each side; subject and floor alternate which goes first.
 * Exit code 0 whether or not the goal is met (a benchmark, not a test).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { verifySpec } from '../src/api/verify.js';
import { designFromSpec } from '../src/api/design.js';
import { defaultDialect } from '../src/dialects/registry.js';
import { startPglite } from '../src/engines/pglite.js';
import { seedPostgres } from '../src/dialects/postgres/seed-load.js';
import { loadSpecFile } from '../src/spec/load-spec.js';
import type { VerifyProgress } from '../src/verify/run-verify.js';

const args = new Map<string, string | undefined>(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key!, value];
  }),
);
const rounds = Number(args.get('rounds') ?? 2);
const largestRows = Number(args.get('rows') ?? 200_000);
const spec = fileURLToPath(new URL('../examples/saas-shop.yaml', import.meta.url));

const loaded = await loadSpecFile(spec);
if (!loaded.loaded) throw new Error('the reference spec does not load');
const designed = await designFromSpec(loaded.loaded, loaded.diagnostics);
if (!designed.ok) throw new Error('the reference spec does not design');
const dialect = defaultDialect();

async function floor(): Promise<number> {
  const started = performance.now();
  const engine = await startPglite();
  if (!designed.ok) throw new Error('unreachable');
  const bare = { ...designed.design.schema, tables: designed.design.schema.tables.map((t) => ({ ...t, indexes: [] })) };
  await engine.exec(dialect.emitDdl(bare, { comments: false }));
  await seedPostgres(engine, bare, { largestRows });
  await engine.exec('VACUUM ANALYZE');
  await engine.close();
  return performance.now() - started;
}

async function subject(): Promise<{ ms: number; phases: Record<string, number> }> {
  const started = performance.now();
  const marks: [string, number][] = [['start', started]];
  const engine = await startPglite();
  marks.push(['pglite', performance.now()]);
  const phaseOf = (e: VerifyProgress) => (e.phase === 'explain' ? (e.withIndexes ? 'measure with indexes' : 'measure without indexes') : e.phase);
  const result = await verifySpec(loaded.loaded!, loaded.diagnostics, engine, { largestRows, onProgress: (e) => marks.push([phaseOf(e), performance.now()]) });
  marks.push(['end', performance.now()]);
  if (!result.ok) throw new Error('verify failed');
  await engine.close();
  // Time from one phase's first event to the next phase's first event.
  const phases: Record<string, number> = {};
  for (let i = 1; i < marks.length; i++) {
    const name = marks[i - 1]![0] === 'start' ? 'start PGlite' : marks[i - 1]![0] === 'pglite' ? 'design' : marks[i - 1]![0];
    phases[name] = (phases[name] ?? 0) + (marks[i]![1] - marks[i - 1]![1]);
  }
  return { ms: performance.now() - started, phases };
}

const floors: number[] = [];
const subjects: { ms: number; phases: Record<string, number> }[] = [];
const load = loadavg()[0]!;
for (let round = 0; round < rounds; round++) {
  process.stderr.write(`round ${round + 1}/${rounds}\n`);
  if (round % 2 === 0) {
    subjects.push(await subject());
    floors.push(await floor());
  } else {
    floors.push(await floor());
    subjects.push(await subject());
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verifyMs = median(subjects.map((s) => s.ms));
const floorMs = median(floors);
const phases = Object.keys(subjects[0]!.phases).map((name) => [name, median(subjects.map((s) => s.phases[name] ?? 0))] as const);

if (args.has('json')) {
  console.log(JSON.stringify({ largestRows, rounds, verifyMs, floorMs, ratio: verifyMs / floorMs, phases: Object.fromEntries(phases) }, null, 2));
} else {
  console.log(
    `## verify benchmark\n\nnode ${process.version}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GB; load average ${load.toFixed(2)} before; ${rounds} rounds; largest table ${largestRows} rows\n`,
  );
  console.log('| run | median s | rounds (s) |\n|---|---:|---|');
  console.log(`| verify (subject) | ${(verifyMs / 1000).toFixed(1)} | ${subjects.map((s) => (s.ms / 1000).toFixed(1)).join(', ')} |`);
  console.log(
    `| floor: start PGlite + DDL + seed + VACUUM ANALYZE | ${(floorMs / 1000).toFixed(1)} | ${floors.map((f) => (f / 1000).toFixed(1)).join(', ')} |`,
  );
  console.log(`\nverify / floor: ${(verifyMs / floorMs).toFixed(2)}x\n\n| verify phase | median s |\n|---|---:|`);
  for (const [name, ms] of phases) console.log(`| ${name} | ${(ms / 1000).toFixed(2)} |`);
  console.log(`\n${verifyMs < 60_000 ? 'PASS' : 'MISS'} verify under 60 s: ${(verifyMs / 1000).toFixed(1)} s`);
}
