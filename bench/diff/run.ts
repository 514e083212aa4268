/**
 * Benchmark of the schema differ (`diffSchemas`) on two generated 1,000-table schemas, next to a
 * naive differ in the same run.
 *
 *   npm run bench:diff                                  # markdown table on stdout
 *   node --import tsx bench/diff/run.ts --tables=1000 --runs=7 --json
 *
 * Input (`generate-schemas.ts`, seeded): N tables of 10–20 columns with keys, references and their
 * indexes, uniques, checks, enums and row security on a quarter of them, views; the second schema
 * has every 20th table (5%) changed, each in one change kind in turn (columns added, dropped,
 * retyped, made nullable, given a default; indexes added, dropped, redefined; checks, references,
 * uniques, keys; row security and policies; a column and a table renamed by hint, a column renamed
 * without one; a table dropped), plus new tables, enum values added and removed, an enum added and
 * one dropped, a view changed and one dropped, a function added.
 * Compared, each the median of R runs after one warm-up, interleaved:
 * - the differ with PostgreSQL's hooks (every check, predicate and native statement compared by
 *   parse tree) and the rename hints, as `dbarchitect diff` runs it;
 * - the same differ without dialect hooks (text compared as written);
 * - the baseline (`naive-diff.ts`): linear lookups by name and JSON.stringify equality.
 * Exit 0 whether or not the goal (under 1 s) is met: a benchmark.
 */
import { cpus, loadavg } from 'node:os';
import { diffHooksFor, diffSchemas } from '../../src/existing/diff/index.js';
import type { ChangeKind } from '../../src/model/change.js';
import { changeSchema, generateSchema } from './generate-schemas.js';
import { naiveDiff } from './naive-diff.js';

const GOAL_MS = 1_000;
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TABLES = arg('tables', 1_000);
const RUNS = arg('runs', 7);
const json = process.argv.includes('--json');

const base = generateSchema(TABLES);
const { schema: changed, hints, tablesChanged } = changeSchema(base);
const pg = await diffHooksFor('postgres');

const subjects = {
  'diffSchemas, PostgreSQL hooks': () => diffSchemas(base, changed, { renames: hints, hooks: pg }),
  'diffSchemas, no dialect hooks': () => diffSchemas(base, changed, { renames: hints }),
  'naive (linear lookups, JSON equality)': () => naiveDiff(base, changed),
} as const;
type Subject = keyof typeof subjects;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const times: Record<Subject, number[]> = {
  'diffSchemas, PostgreSQL hooks': [],
  'diffSchemas, no dialect hooks': [],
  'naive (linear lookups, JSON equality)': [],
};
for (const subject of Object.keys(subjects) as Subject[]) subjects[subject](); // warm-up
for (let r = 0; r < RUNS; r++)
  for (const subject of Object.keys(subjects) as Subject[]) {
    const start = performance.now();
    subjects[subject]();
    times[subject].push(performance.now() - start);
  }

const result = subjects['diffSchemas, PostgreSQL hooks']();
const byKind = new Map<ChangeKind, number>();
for (const c of result.changes) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
const subjectMs = median(times['diffSchemas, PostgreSQL hooks']);
const naiveMs = median(times['naive (linear lookups, JSON equality)']);

const report = {
  tables: TABLES,
  columns: base.tables.reduce((n, t) => n + t.columns.length, 0),
  indexes: base.tables.reduce((n, t) => n + t.indexes.length, 0),
  tablesChanged,
  hints: hints.length,
  changes: result.changes.length,
  changeKinds: Object.fromEntries([...byKind].sort(([a], [b]) => (a < b ? -1 : 1))),
  renameCandidates: result.renameCandidates.length,
  medianMs: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10])),
  ratioToNaive: Math.round((subjectMs / naiveMs) * 100) / 100,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, load: loadavg().map((l) => Math.round(l * 100) / 100) },
  goal: subjectMs < GOAL_MS ? 'PASS' : 'MISS',
};

if (json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(
    `${TABLES} tables (${report.columns} columns, ${report.indexes} indexes), ${tablesChanged} changed, ${hints.length} rename hints; median of ${RUNS} runs after one warm-up`,
  );
  console.log(`machine: ${report.machine.cpus} × ${report.machine.model}, load ${report.machine.load.join(' ')}\n`);
  console.log('| subject | median (ms) | ÷ naive |');
  console.log('|---|---:|---:|');
  for (const [k, v] of Object.entries(report.medianMs)) console.log(`| ${k} | ${v.toLocaleString('en-US')} | ${(v / naiveMs).toFixed(2)}× |`);
  console.log(
    `\n${result.changes.length} changes in ${byKind.size} kinds: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}; ${result.renameCandidates.length} rename candidates`,
  );
  console.log(`\n${report.goal}: two ${TABLES}-table schemas diffed in ${subjectMs.toFixed(0)} ms (goal under ${GOAL_MS} ms)`);
}
