/**
 * Benchmark of the design pipeline against its floor, measured side by side in one run.
 *
 *   npm run bench                         # markdown table on stdout, progress on stderr
 *   node --import tsx bench/design.ts --json
 *
 * Subject: loadSpecText + designFromSpec without an engine: text -> YAML -> validation -> model ->
 * SQL check -> indexes/normalization -> DDL -> every artifact rendered (strings, no files).
 * Floor: the unavoidable work on the same text: `yaml` parseDocument (with a LineCounter) + toJS,
 * and libpg-query parseSync of every access pattern's SQL (`:name` -> `$n`).
 *
 * Method: warm-up, then N timed runs of each (N = max(5, runs needed for >= 2 s)), subject and
 * floor interleaved in alternating order. No forced GC between runs: a full GC shrinks the young
 * generation and made the floor's YAML parse ~4x slower, so each side pays for its own collections
 * as in normal use. Median and p90 (nearest rank) in ms; ratio of medians.
 * Peak RSS of the 1,000-entity design is measured in a fresh child process.
 *
 * Options: --json, --min-seconds=S (default 2), --min-runs=N (default 5), --only=NAME[,NAME]
 * (saas-shop, generated-150, generated-1000), --profile (runs only the subject, 1 warm-up + 2 runs,
 * for `node --cpu-prof`; read the profile with bench/cpuprofile-top.ts).
 * Exit code 0 whether or not goals are met (a benchmark, not a test); 1 if an input fails to load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule, parseSync } from 'libpg-query';
import { LineCounter, parseDocument } from 'yaml';
import { designFromSpec } from '../src/api/design.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { generateSpec, type SpecStats } from './generate-spec.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_RATIO = 3;
const GOAL_MS_1000 = 5000;
const GOAL_RSS_MB_1000 = 500;

interface Input {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly stats: Pick<SpecStats, 'entities' | 'fields' | 'patterns' | 'bytes' | 'lines'>;
}

interface Summary {
  readonly runs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
}

interface Row {
  readonly input: string;
  readonly stats: Input['stats'];
  readonly subject: Summary;
  readonly floor: Summary;
  /** Subject split into its two calls, medians. */
  readonly loadMedianMs: number;
  readonly designMedianMs: number;
  readonly ratio: number;
}

// ---------------------------------------------------------------------------------------------
// Arguments

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

if (option('rss-child') !== undefined) {
  await rssChild(Number(option('rss-child')));
  process.exit(0);
}

const json = flag('json');
const profile = flag('profile');
const minSeconds = Number(option('min-seconds') ?? 2);
const minRuns = Number(option('min-runs') ?? 5);
const only = option('only')?.split(',');
const log = (message: string) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------
// Inputs

function inputs(): Input[] {
  const reference = 'examples/saas-shop.yaml';
  const text = readFileSync(join(ROOT, reference), 'utf8');
  const raw = parseDocument(text).toJS() as { entities: Record<string, { fields?: object }>; access_patterns?: unknown[] };
  const list: Input[] = [
    {
      name: 'saas-shop',
      file: reference,
      text,
      stats: {
        entities: Object.keys(raw.entities).length,
        fields: Object.values(raw.entities).reduce((n, e) => n + Object.keys(e.fields ?? {}).length, 0),
        patterns: raw.access_patterns?.length ?? 0,
        bytes: Buffer.byteLength(text),
        lines: text.split('\n').length - 1,
      },
    },
  ];
  for (const n of [150, 1000]) {
    const g = generateSpec(n);
    list.push({ name: `generated-${n}`, file: `${g.name}.yaml`, text: g.text, stats: g.stats });
  }
  return only ? list.filter((i) => only.includes(i.name)) : list;
}

/** Every input must load without errors, or the numbers would measure an early exit. */
async function validate(input: Input): Promise<void> {
  const result = await loadSpecText(input.file, input.text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.loaded || errors.length > 0) {
    log(`\nFAIL: input ${input.name} does not load (${errors.length} errors):`);
    for (const d of errors.slice(0, 20)) log(`  ${d.location?.line ?? '?'}:${d.location?.column ?? '?'} ${d.code}: ${d.message}`);
    process.exit(1);
  }
  const design = await designFromSpec(result.loaded, result.diagnostics);
  if (!design.ok || design.diagnostics.some((d) => d.severity === 'error')) {
    log(`\nFAIL: input ${input.name} does not design: ${JSON.stringify(design.diagnostics.filter((d) => d.severity === 'error').slice(0, 5))}`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Subject and floor

let sink = 0;

async function subject(input: Input): Promise<{ load: number; design: number }> {
  const t0 = performance.now();
  const result = await loadSpecText(input.file, input.text);
  const t1 = performance.now();
  if (!result.loaded) throw new Error(`${input.name} did not load`);
  const design = await designFromSpec(result.loaded, result.diagnostics);
  const t2 = performance.now();
  if (!design.ok) throw new Error(`${input.name} did not design`);
  for (const a of design.artifacts) sink += a.content.length;
  return { load: t1 - t0, design: t2 - t1 };
}

/** `:name` -> `$n` (same name, same number), leaving `::` casts alone. */
function bindParams(sql: string): string {
  const names: string[] = [];
  return sql.replace(/(?<![:\w]):([A-Za-z_]\w*)/g, (_, name: string) => {
    let n = names.indexOf(name) + 1;
    if (n === 0) n = names.push(name);
    return `$${n}`;
  });
}

function floor(input: Input): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter });
  if (doc.errors.length) throw new Error(`${input.name}: ${doc.errors[0]!.message}`);
  const value = doc.toJS() as { access_patterns?: { sql: string }[] };
  for (const pattern of value.access_patterns ?? []) sink += parseSync(bindParams(pattern.sql)).stmts?.length ?? 0;
  sink += lineCounter.lineStarts.length;
}

// ---------------------------------------------------------------------------------------------
// Timing

function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { runs: sorted.length, medianMs: median, p90Ms: rank(0.9), minMs: sorted[0]! };
}

const median = (xs: number[]) => summarize(xs).medianMs;

async function measure(input: Input): Promise<Row> {
  const timeSubject = async () => {
    const t = performance.now();
    const parts = await subject(input);
    return { total: performance.now() - t, ...parts };
  };
  const timeFloor = () => {
    const t = performance.now();
    floor(input);
    return performance.now() - t;
  };

  // Warm-up: at least 2 runs each and ~1 s of each (at most 50 runs), so the JIT has settled.
  const warm = async (run: () => Promise<unknown> | unknown) => {
    const times: number[] = [];
    const start = performance.now();
    while (times.length < 2 || (performance.now() - start < 1000 && times.length < 50)) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    return Math.min(...times.slice(-3));
  };
  log(`${input.name}: warming up`);
  const estSubject = await warm(() => subject(input));
  const estFloor = await warm(() => floor(input));

  const budget = minSeconds * 1000;
  const nSubject = Math.max(minRuns, Math.ceil(budget / Math.max(estSubject, 0.001)));
  const nFloor = Math.max(minRuns, Math.ceil(budget / Math.max(estFloor, 0.001)));
  log(`${input.name}: timing ${nSubject} subject and ${nFloor} floor runs, interleaved (estimates ${estSubject.toFixed(1)} / ${estFloor.toFixed(1)} ms)`);

  // Interleave: the run counts are spread evenly over max(nSubject, nFloor) rounds, and the
  // order inside a round alternates, so drift (thermal, other load) hits both sides alike.
  const rounds = Math.max(nSubject, nFloor);
  const subjectTimes: number[] = [];
  const loadTimes: number[] = [];
  const designTimes: number[] = [];
  const floorTimes: number[] = [];
  const share = (n: number, i: number) => Math.floor((n * (i + 1)) / rounds) - Math.floor((n * i) / rounds);
  for (let i = 0; i < rounds; i++) {
    const doSubject = async () => {
      for (let k = share(nSubject, i); k > 0; k--) {
        const t = await timeSubject();
        subjectTimes.push(t.total);
        loadTimes.push(t.load);
        designTimes.push(t.design);
      }
    };
    const doFloor = () => {
      for (let k = share(nFloor, i); k > 0; k--) floorTimes.push(timeFloor());
    };
    if (i % 2 === 0) {
      await doSubject();
      doFloor();
    } else {
      doFloor();
      await doSubject();
    }
  }
  const s = summarize(subjectTimes);
  const f = summarize(floorTimes);
  return {
    input: input.name,
    stats: input.stats,
    subject: s,
    floor: f,
    loadMedianMs: median(loadTimes),
    designMedianMs: median(designTimes),
    ratio: s.medianMs / f.medianMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Peak RSS in a fresh process

interface RssResult {
  readonly entities: number;
  /** Peak RSS of the child (getrusage maxrss), MB. */
  readonly peakRssMb: number;
  /** RSS after modules and the parser loaded, before the spec was generated and designed, MB. */
  readonly baselineRssMb: number;
  /** /usr/bin/time -v "Maximum resident set size", MB, when available. */
  readonly timeVPeakRssMb?: number;
  /** The one cold design in the child (no warm-up), ms. */
  readonly coldMs: number;
  /** Highest process.memoryUsage().rss seen by the sampler (samples only between awaits), MB. */
  readonly sampledPeakRssMb: number;
}

async function rssChild(entities: number): Promise<void> {
  await loadModule();
  const baseline = process.memoryUsage().rss;
  let sampled = baseline;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 5);
  const { text, name } = generateSpec(entities);
  const t = performance.now();
  const result = await loadSpecText(`${name}.yaml`, text);
  if (!result.loaded) throw new Error('the spec did not load');
  const design = await designFromSpec(result.loaded, result.diagnostics);
  if (!design.ok) throw new Error('the spec did not design');
  const coldMs = performance.now() - t;
  sampled = Math.max(sampled, process.memoryUsage().rss);
  clearInterval(timer);
  const mb = (bytes: number) => bytes / 1024 / 1024;
  process.stdout.write(
    JSON.stringify({
      entities,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      baselineRssMb: mb(baseline),
      sampledPeakRssMb: mb(sampled),
      coldMs,
      artifactsBytes: design.artifacts.reduce((n, a) => n + a.content.length, 0),
    }) + '\n',
  );
}

function measureRss(entities: number): RssResult {
  const script = fileURLToPath(import.meta.url);
  const nodeArgs = [...process.execArgv, script, `--rss-child=${entities}`];
  // GNU time's -v reports the peak too; without it (or on a BSD time) getrusage in the child does.
  let run = existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...nodeArgs], { encoding: 'utf8', cwd: ROOT }) : undefined;
  if (!run || run.status !== 0) run = spawnSync(process.execPath, nodeArgs, { encoding: 'utf8', cwd: ROOT });
  if (run.status !== 0) throw new Error(`the RSS child failed (${run.status}): ${run.stderr}`);
  const child = JSON.parse(run.stdout.trim().split('\n').pop()!) as RssResult;
  const timeV = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  return { ...child, ...(timeV ? { timeVPeakRssMb: Number(timeV[1]) / 1024 } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Main

const machine = {
  node: process.version,
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  platform: `${process.platform} ${process.arch}`,
  ...gitState(),
};

/** The code measured: HEAD and whether src/ had uncommitted changes (benchmarks of a dirty tree say so). */
function gitState(): { commit?: string; srcDirty?: boolean } {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return {};
  const status = git('status', '--porcelain', '--', 'src');
  return { commit: head.stdout.trim(), srcDirty: status.stdout.trim() !== '' };
}

await loadModule();
const loadBefore = loadavg()[0]!;
const list = inputs();
for (const input of list) await validate(input);

if (profile) {
  // Only the subject, for `node --cpu-prof`: one warm-up run, then --min-runs runs (default 5 -> use 2).
  const runs = option('min-runs') === undefined ? 2 : minRuns;
  for (const input of list) {
    for (let i = 0; i <= runs; i++) {
      const t = await subject(input);
      log(`${input.name}: ${i === 0 ? 'warm-up' : `run ${i}`} load ${fmt(t.load)} ms, design-from-spec ${fmt(t.design)} ms`);
    }
  }
  process.exit(0);
}

const rows: Row[] = [];
for (const input of list) rows.push(await measure(input));

const wantRss = !only || only.includes('generated-1000');
let rss: RssResult | undefined;
if (wantRss) {
  log('generated-1000: peak RSS in a fresh child process');
  rss = measureRss(1000);
}

// Other processes on the machine inflate absolute times (ratios are interleaved and less affected).
const loadAfter = loadavg()[0]!;
const busy = Math.max(loadBefore, loadAfter) > machine.nproc * 0.75;
const noise = { loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, busy };

interface Goal {
  readonly goal: string;
  readonly pass: boolean;
  readonly detail: string;
}
const goals: Goal[] = [];
for (const row of rows)
  goals.push({
    goal: `design <= ${GOAL_RATIO}x floor (${row.input})`,
    pass: row.ratio <= GOAL_RATIO,
    detail: `${row.ratio.toFixed(1)}x (${fmt(row.subject.medianMs)} ms vs ${fmt(row.floor.medianMs)} ms)`,
  });
const big = rows.find((r) => r.input === 'generated-1000');
if (big)
  goals.push({
    goal: `1,000 entities in < ${GOAL_MS_1000 / 1000} s`,
    pass: big.subject.medianMs < GOAL_MS_1000,
    detail: `median ${fmt(big.subject.medianMs)} ms, p90 ${fmt(big.subject.p90Ms)} ms${rss ? `; cold in a fresh process ${fmt(rss.coldMs)} ms` : ''}`,
  });
if (rss) {
  const peak = rss.timeVPeakRssMb ?? rss.peakRssMb;
  goals.push({
    goal: `1,000 entities in < ${GOAL_RSS_MB_1000} MB`,
    pass: peak < GOAL_RSS_MB_1000,
    detail: `peak RSS ${peak.toFixed(0)} MB (process baseline ${rss.baselineRssMb.toFixed(0)} MB)`,
  });
}

if (json) {
  process.stdout.write(
    JSON.stringify(
      { benchmark: 'design', machine, noise, method: { minSeconds, minRuns }, rows, rss, goals, allGoalsMet: goals.every((g) => g.pass) },
      null,
      2,
    ) + '\n',
  );
} else {
  const out: string[] = [];
  out.push(`## design benchmark`, '');
  out.push(
    `node ${machine.node}, ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB, ${machine.platform}${machine.commit ? `; code at ${machine.commit}${machine.srcDirty ? ' with uncommitted changes in src/' : ''}` : ''}`,
    '',
  );
  out.push(
    `1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.${busy ? ' NOTE: the machine was busy with other work: absolute times are inflated; the interleaved ratios less so.' : ''}`,
    '',
  );
  out.push(
    '| input | entities | fields | patterns | design median ms | design p90 ms | floor median ms | floor p90 ms | design / floor | runs (design / floor) | load / design-from-spec median ms |',
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    out.push(
      `| ${r.input} | ${r.stats.entities} | ${r.stats.fields} | ${r.stats.patterns} | ${fmt(r.subject.medianMs)} | ${fmt(r.subject.p90Ms)} | ${fmt(r.floor.medianMs)} | ${fmt(r.floor.p90Ms)} | ${r.ratio.toFixed(1)}x | ${r.subject.runs} / ${r.floor.runs} | ${fmt(r.loadMedianMs)} / ${fmt(r.designMedianMs)} |`,
    );
  if (rss) {
    out.push('');
    out.push(
      `Peak RSS, generated-1000 design in a fresh process: ${(rss.timeVPeakRssMb ?? rss.peakRssMb).toFixed(0)} MB${rss.timeVPeakRssMb !== undefined ? ' (/usr/bin/time -v)' : ' (getrusage maxrss)'}; getrusage ${rss.peakRssMb.toFixed(0)} MB; baseline after loading modules ${rss.baselineRssMb.toFixed(0)} MB; cold design ${fmt(rss.coldMs)} ms.`,
    );
  }
  out.push('');
  for (const g of goals) out.push(`${g.pass ? 'PASS' : 'MISS'} ${g.goal}: ${g.detail}`);
  const missed = goals.filter((g) => !g.pass).length;
  out.push('', missed ? `${missed} of ${goals.length} goals MISSED (exit code 0: this is a benchmark, not a test).` : `All ${goals.length} goals met.`);
  process.stdout.write(out.join('\n') + '\n');
}
if (sink === -1) log('unreachable'); // keeps the results observable

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
