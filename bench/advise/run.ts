/**
 * Benchmark of the index advisor (issue 13) against its limit, in one run, on a PostgreSQL server
 * with hypopg (DBARCHITECT_PG_URL; everything happens in a scratch schema that is dropped after):
 *
 *   node --import tsx bench/advise/run.ts                      # markdown on stdout, progress on stderr
 *   node --import tsx bench/advise/run.ts --events=1000000 --sf=0.1 --only=toolkit,tpch --json
 *
 * Workloads: toolkit-shaped (toolkit.ts: 13 patterns with rates, a fifth of the calls writes, over
 * a million-row table) and TPC-H-derived (tpch.ts: its schema, a seeded generator at a small scale
 * factor, the 22 templates with fixed values). For storage budgets from 5% to 100% of the heap,
 * the relative workload cost, 100 × (Σ weight × plan cost with the indexes + their write upkeep) /
 * Σ weight × plan cost without, of:
 * - no indexes (100);
 * - a Dexter-like baseline (dexter.ts: single columns and ordered pairs, kept at a 50% cut);
 * - ours (`adviseIndexes`, greedy by benefit per byte and by benefit with swaps, as `advise` runs it);
 * - the optimum over ours' candidates: per-query option tables (every candidate alone and in
 *   pairs) and an exact branch and bound of the budgeted selection.
 * Every set is costed by the same what-if calls. Also: ours' indexes really built (sizes and
 * relative cost from the built plans), what-if calls, wall time, and whether two runs give the
 * same DDL. Exit 0 whether or not the goals are met: a benchmark.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { defaultDialect } from '../../src/dialects/registry.js';
import { introspectorFor } from '../../src/dialects/registry.js';
import type { Engine } from '../../src/engines/engine.js';
import { connectPostgres } from '../../src/engines/postgres.js';
import { redactUrl } from '../../src/engines/redact.js';
import {
  adviseIndexes,
  explainQuery,
  identity,
  leadingColumnRelevance,
  optionTables,
  readCostConstants,
  searchSpace,
  solveExact,
  startHypopg,
  WhatIfCosts,
  workloadFromSqlFile,
  type AdviceInput,
  type SizedCandidate,
} from '../../src/existing/advise/index.js';
import { loadPgParser } from '../../src/sql/pg-parser.js';
import { dexterLike, dexterWithin } from './dexter.js';
import { TOOLKIT_SCHEMA, TOOLKIT_WORKLOAD, toolkitData } from './toolkit.js';
import { TPCH_REFERENCES, TPCH_SCHEMA, tpchData, tpchWorkloadFile } from './tpch.js';

const BUDGETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1];
const GOAL_WITHIN_OPTIMUM = 1.05;
const GOAL_SECONDS = 10;
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const EVENTS = Number(arg('events', '1000000'));
const SF = Number(arg('sf', '0.1'));
const ONLY = arg('only', 'toolkit,tpch').split(',');
const json = process.argv.includes('--json');
const log = (line: string) => process.stderr.write(`[bench:advise] ${line}\n`);

interface BudgetRow {
  readonly share: number;
  readonly budgetBytes: number;
  readonly dexter: number;
  readonly ours: number;
  readonly optimum: number;
  readonly proven: boolean;
  readonly oursBuilt: number;
  readonly oursIndexes: number;
  readonly oursModelBytes: number;
  readonly oursBuiltBytes: number;
  readonly whatIfCalls: number;
  readonly seconds: number;
}

interface WorkloadResult {
  readonly name: string;
  readonly queries: number;
  readonly heapBytes: number;
  readonly loadSeconds: number;
  readonly candidates: number;
  readonly dexterCandidates: number;
  readonly optionCalls: number;
  readonly rows: readonly BudgetRow[];
  readonly deterministic: boolean;
}

const url = process.env.DBARCHITECT_PG_URL;
if (!url) {
  process.stderr.write('bench/advise needs a PostgreSQL server with hypopg: set DBARCHITECT_PG_URL (scripts/ci/start-servers.sh starts one)\n');
  process.exit(2);
}
await loadPgParser();

const WORKLOADS = {
  toolkit: { setup: [TOOLKIT_SCHEMA, toolkitData(EVENTS)], workload: TOOLKIT_WORKLOAD, about: `${EVENTS} events` },
  tpch: { setup: [TPCH_SCHEMA, tpchData(SF), TPCH_REFERENCES], workload: tpchWorkloadFile(), about: `scale factor ${SF}` },
} as const;

const results: WorkloadResult[] = [];
for (const name of ONLY as (keyof typeof WORKLOADS)[]) results.push(await runWorkload(name, WORKLOADS[name]));

if (json) process.stdout.write(`${JSON.stringify({ machine: machine(), results }, null, 2)}\n`);
else process.stdout.write(markdown(results));

async function runWorkload(name: string, w: { setup: readonly string[]; workload: string; about: string }): Promise<WorkloadResult> {
  const scratch = `dbarchitect_bench_advise_${name}_${randomBytes(3).toString('hex')}`;
  const data = await connectPostgres(url!, { statementTimeoutMs: 1_800_000 });
  const session = await connectPostgres(url!, { statementTimeoutMs: 600_000 });
  try {
    log(`${name}: loading (${w.about}) into ${scratch} on ${redactUrl(url!)}`);
    const t0 = performance.now();
    await data.exec(`CREATE SCHEMA ${scratch}; SET search_path TO ${scratch}, public`);
    for (const sql of w.setup) await data.exec(sql);
    // VACUUM sets the visibility map: index-only scans are costed as they would be on a settled table.
    await data.exec('VACUUM ANALYZE');
    const loadSeconds = (performance.now() - t0) / 1000;
    const dialect = defaultDialect();
    const read = await introspectorFor('postgres')!.introspect(data, { namespaces: [scratch] });
    const schema = read.schema;
    const parsed = workloadFromSqlFile(`${name}.sql`, w.workload, schema);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) throw new Error(JSON.stringify(parsed.diagnostics));
    const workload = parsed.workload;
    const rows = new Map(schema.tables.map((t) => [t.name, t.stats?.rows ?? 0]));
    const heapBytes = schema.tables.reduce((s, t) => s + (t.stats?.tableBytes ?? 0), 0);
    await session.exec(`SET search_path TO ${scratch}, public`);
    const whatIf = await startHypopg(session, dialect, schema);
    const input: AdviceInput = {
      dialect,
      schema,
      workload,
      engine: whatIf,
      constants: await readCostConstants(session),
      rows,
      columnStats: await dialect.catalog.columnStats(session),
      usageCounted: false,
    };
    // One cache for costing every method's sets: the same what-if calls judge them all.
    const judge = new WhatIfCosts(whatIf, leadingColumnRelevance);
    const space = await searchSpace(input, judge);
    const relative = async (set: readonly SizedCandidate[]) => (100 * (await space.objective.total(set)).total) / space.readBefore;
    log(`${name}: ${space.queries.length} queries, ${space.candidates.length} candidates; Dexter-like baseline`);
    const picks = await dexterLike(space, judge);
    const beforeTables = judge.calls;
    log(`${name}: per-query option tables for the optimum`);
    const tables = await optionTables(space.objective, space.candidates);
    const optionCalls = judge.calls - beforeTables;
    const byKey = new Map(space.candidates.map((c) => [c.key, c]));

    const out: BudgetRow[] = [];
    let deterministic = true;
    for (const share of BUDGETS) {
      const budgetBytes = Math.floor(heapBytes * share);
      const started = performance.now();
      const advice = await adviseIndexes(input, { budgetBytes, minImprovementShare: 0 });
      const seconds = (performance.now() - started) / 1000;
      if (share === 1) {
        const again = await adviseIndexes(input, { budgetBytes, minImprovementShare: 0 });
        deterministic = JSON.stringify(again.recommendations.map((r) => r.sql)) === JSON.stringify(advice.recommendations.map((r) => r.sql));
      }
      const ours = advice.recommendations.map((r) => byKey.get(identity(r.index))!);
      const exact = solveExact(
        tables,
        space.candidates,
        { budgetBytes, maxIndexes: Number.POSITIVE_INFINITY },
        ours.map((c) => space.candidates.indexOf(c)),
      );
      const optimum = exact.chosen.map((i) => space.candidates[i]!);
      const built = await buildAndCost(data, scratch, advice.recommendations, workload.queries);
      const upkeep = ours.reduce((s, c) => s + c.maintenance, 0);
      const row: BudgetRow = {
        share,
        budgetBytes,
        dexter: await relative(dexterWithin(picks, budgetBytes)),
        ours: await relative(ours),
        optimum: await relative(optimum),
        proven: exact.proven,
        oursBuilt: (100 * (built.cost + upkeep)) / space.readBefore,
        oursIndexes: ours.length,
        oursModelBytes: ours.reduce((s, c) => s + c.bytes, 0),
        oursBuiltBytes: built.bytes,
        whatIfCalls: advice.whatIfCalls,
        seconds,
      };
      log(
        `${name}: budget ${share * 100}%: ours ${row.ours.toFixed(1)}, optimum ${row.optimum.toFixed(1)}, Dexter-like ${row.dexter.toFixed(1)} (${seconds.toFixed(1)} s)`,
      );
      out.push(row);
    }
    await whatIf.close();
    return {
      name,
      queries: space.queries.length,
      heapBytes,
      loadSeconds,
      candidates: space.candidates.length,
      dexterCandidates: picks.length,
      optionCalls,
      rows: out,
      deterministic,
    };
  } finally {
    await data.exec(`SET search_path TO public; DROP SCHEMA IF EXISTS ${scratch} CASCADE`).catch(() => undefined);
    await data.close();
    await session.close();
  }
}

/** Builds the recommendations for real (the scratch schema is the benchmark's own), plans the workload, drops them. */
async function buildAndCost(
  db: Engine,
  scratch: string,
  recommendations: readonly { readonly sql: string; readonly index: { readonly name: string } }[],
  queries: readonly { readonly sql: string; readonly parameters: number; readonly weight: number }[],
): Promise<{ cost: number; bytes: number }> {
  for (const r of recommendations) await db.exec(r.sql);
  try {
    // No ANALYZE after the builds: the other budgets are costed on the same statistics.
    let cost = 0;
    for (const q of queries) cost += q.weight * (await explainQuery(db, q)).cost;
    let bytes = 0;
    for (const r of recommendations)
      bytes += Number((await db.query<{ b: number }>(`SELECT pg_relation_size($1::regclass)::float8 AS b`, [`${scratch}.${r.index.name}`]))[0]!.b);
    return { cost, bytes };
  } finally {
    for (const r of recommendations) await db.exec(`DROP INDEX ${scratch}.${r.index.name}`);
  }
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

function markdown(all: readonly WorkloadResult[]): string {
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  const lines: string[] = [`Machine: ${machine()}`, ''];
  for (const r of all) {
    lines.push(
      `### ${r.name}: ${r.queries} queries, heap ${mb(r.heapBytes)} MB (loaded in ${r.loadSeconds.toFixed(0)} s); ${r.candidates} candidates; ${r.dexterCandidates} Dexter-like picks; ${r.optionCalls} what-if calls for the option tables`,
    );
    lines.push('');
    lines.push('| budget | MB | none | Dexter-like | ours | optimum | ours, built | indexes | size model MB | built MB | what-if calls | ours s |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    const rel = (x: number) => x.toFixed(x < 10 ? 2 : 1);
    for (const b of r.rows)
      lines.push(
        `| ${b.share * 100}% | ${mb(b.budgetBytes)} | 100 | ${rel(b.dexter)} | ${rel(b.ours)} | ${rel(b.optimum)}${b.proven ? '' : ' (not proven)'} | ${rel(b.oursBuilt)} | ${b.oursIndexes} | ${mb(b.oursModelBytes)} | ${mb(b.oursBuiltBytes)} | ${b.whatIfCalls} | ${b.seconds.toFixed(1)} |`,
      );
    lines.push('');
    const within = r.rows.every((b) => b.ours <= b.optimum * GOAL_WITHIN_OPTIMUM + 1e-9);
    const notWorse = r.rows.every((b) => b.ours <= b.dexter + 1e-9);
    const slowest = Math.max(...r.rows.map((b) => b.seconds));
    lines.push(`- ${within ? 'PASS' : 'MISS'}: within 5% of the optimum at every budget`);
    lines.push(`- ${notWorse ? 'PASS' : 'MISS'}: never worse than the Dexter-like baseline`);
    lines.push(
      `- ${slowest < GOAL_SECONDS ? 'PASS' : 'MISS'}: ours under ${GOAL_SECONDS} s at every budget (slowest ${slowest.toFixed(1)} s, ${r.queries} queries)`,
    );
    lines.push(`- ${r.deterministic ? 'PASS' : 'MISS'}: two runs give the same DDL`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
