/**
 * Benchmark of PostgreSQL introspection on a generated database of 1,000 tables, against a naive
 * reading and a floor, measured side by side in one run.
 *
 *   npm run bench:introspect                      # PGlite; and the server too when DBARCHITECT_PG_URL is set
 *   node --import tsx bench/introspect.ts --tables=200 --runs=3
 *
 * Input: N tables (default 1,000), each with 7 columns (an identity key, a tenant, varchar, numeric
 * with a CHECK, timestamptz with a default, a reference to the previous table, text), 4 indexes
 * (the key, a unique, a foreign-key index, a composite) and 1 foreign key: 4,000 indexes, 999
 * references, 1,000 checks. Built in a schema of its own, dropped afterwards.
 * Subject: postgresIntrospector.introspect on that schema (the ~16 set-based catalog queries and
 * the assembly into the model).
 * Naive: what a per-table reader costs: for each of 50 tables, its columns, constraints and indexes
 * from information_schema and pg_indexes (3 queries a table), scaled to N tables.
 * Floor: one `SELECT count(*) FROM pg_class` round trip, and the same ~16 round trips with no work.
 * Method: one warm-up, then --runs timed runs of each (default 3), median in ms.
 *
 * Later phases hook in through PHASES below (the audit adds its own: time to audit the introspection).
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import type { SqlSession } from '../src/dialects/session.js';
import type { Engine } from '../src/engines/engine.js';
import { startPglite } from '../src/engines/pglite.js';
import { connectPostgres } from '../src/engines/postgres.js';
import { redactUrl } from '../src/engines/redact.js';
import { introspectorFor } from '../src/dialects/registry.js';
import type { Introspection } from '../src/model/introspection.js';
import { auditIntrospection } from '../src/api/audit.js';

const GOAL_MS = 10_000;
const NAIVE_SAMPLE = 50;
const BATCH = 100;
const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TABLES = arg('tables', 1000);
const RUNS = arg('runs', 3);

/** Work timed after introspection, on its result: every audit rule on the 1,000 tables, as `dbarchitect audit <url>` runs them. */
const PHASES: readonly { readonly name: string; run(introspection: Omit<Introspection, 'source'>): unknown }[] = [
  {
    name: 'audit (every audit rule)',
    run: (read) =>
      auditIntrospection({ ...read, source: { dialect: 'postgres', kind: 'live', location: 'bench', serverVersion: 'bench', namespaces: ['bench'] } }),
  },
];

/** The DDL of tables [from, to), one batch: a transaction that makes (or drops) thousands of objects runs out of lock slots. */
function ddl(schema: string, from: number, to: number): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const t = `${schema}.t${String(i).padStart(4, '0')}`;
    const parent = i > 0 ? `, parent_id bigint REFERENCES ${schema}.t${String(i - 1).padStart(4, '0')} (id)` : ', parent_id bigint';
    out.push(
      `CREATE TABLE ${t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tenant_id uuid NOT NULL, name varchar(100) NOT NULL,` +
        ` amount numeric(12,2) NOT NULL CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT now()${parent}, status text,` +
        ` UNIQUE (tenant_id, name));`,
      `CREATE INDEX ON ${t} (parent_id);`,
      `CREATE INDEX ON ${t} (tenant_id, created_at DESC);`,
    );
  }
  return out.join('\n');
}

async function naive(db: SqlSession, schema: string): Promise<void> {
  for (let i = 0; i < NAIVE_SAMPLE; i++) {
    const table = `t${String(i).padStart(4, '0')}`;
    await db.query(
      `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default, is_identity
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, table],
    );
    await db.query(
      `SELECT tc.constraint_name, tc.constraint_type, kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column
       FROM information_schema.table_constraints tc
       LEFT JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name
       LEFT JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_schema = tc.constraint_schema AND ccu.constraint_name = tc.constraint_name
       WHERE tc.table_schema = $1 AND tc.table_name = $2`,
      [schema, table],
    );
    await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`, [schema, table]);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

interface Row {
  engine: string;
  buildMs: number;
  subjectMs: number;
  naiveScaledMs: number;
  floorOneMs: number;
  floorRoundsMs: number;
  tables: number;
  indexes: number;
  phases: { name: string; ms: number }[];
}

async function measure(engine: Engine, label: string): Promise<Row> {
  const schema = `bench_${randomBytes(3).toString('hex')}`;
  const started = performance.now();
  process.stderr.write(`${label}: building ${TABLES} tables…\n`);
  await engine.exec(`CREATE SCHEMA ${schema}`);
  for (let from = 0; from < TABLES; from += BATCH) await engine.exec(ddl(schema, from, Math.min(TABLES, from + BATCH)));
  const buildMs = performance.now() - started;
  try {
    const introspector = introspectorFor('postgres')!;
    let result: Awaited<ReturnType<typeof introspector.introspect>> | undefined;
    process.stderr.write(`${label}: introspecting…\n`);
    const subjectMs = await time(RUNS, async () => {
      result = await introspector.introspect(engine, { namespaces: [schema] });
    });
    process.stderr.write(`${label}: naive per-table reading of ${NAIVE_SAMPLE} tables…\n`);
    const naiveMs = await time(RUNS, () => naive(engine, schema));
    const floorOneMs = await time(RUNS, () => engine.query('SELECT count(*) FROM pg_class'));
    const floorRoundsMs = await time(RUNS, async () => {
      for (let i = 0; i < 18; i++) await engine.query('SELECT 1');
    });
    const phases = [];
    for (const phase of PHASES) phases.push({ name: phase.name, ms: await time(RUNS, async () => phase.run(result!)) });
    const tables = result!.schema.tables.length;
    if (tables !== TABLES) throw new Error(`introspection read ${tables} tables, not ${TABLES}`);
    return {
      engine: label,
      buildMs,
      subjectMs,
      naiveScaledMs: (naiveMs * TABLES) / NAIVE_SAMPLE,
      floorOneMs,
      floorRoundsMs,
      tables,
      indexes: result!.schema.tables.reduce((n, t) => n + t.indexes.length + (t.primaryKey.columns.length ? 1 : 0) + t.uniques.length, 0),
      phases,
    };
  } finally {
    for (let from = 0; from < TABLES; from += BATCH) {
      const names = Array.from({ length: Math.min(BATCH, TABLES - from) }, (_, i) => `${schema}.t${String(from + i).padStart(4, '0')}`);
      await engine.exec(`DROP TABLE ${names.join(', ')} CASCADE`);
    }
    await engine.exec(`DROP SCHEMA ${schema} CASCADE`);
  }
}

const rows: Row[] = [];
const pglite = await startPglite();
try {
  rows.push(await measure(pglite, `PGlite (${await pglite.version()})`));
} finally {
  await pglite.close();
}
const url = process.env.DBARCHITECT_PG_URL;
if (url) {
  const server = await connectPostgres(url, { statementTimeoutMs: 300_000 });
  try {
    rows.push(await measure(server, `${await server.version()} at ${redactUrl(url).replace(/\/\/.*@/, '//…@')}`));
  } finally {
    await server.close();
  }
} else process.stderr.write('no DBARCHITECT_PG_URL: the server is not measured\n');

const f = (ms: number) => (ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toFixed(1));
console.log(
  `Introspection of ${TABLES} tables; machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}\n`,
);
console.log(
  '| engine | build (ms) | introspect (ms) | naive per-table, scaled (ms) | naive ÷ introspect | 1 round trip (ms) | 18 round trips (ms) | tables | indexes and keys |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.engine} | ${f(r.buildMs)} | ${f(r.subjectMs)} | ${f(r.naiveScaledMs)} | ${(r.naiveScaledMs / r.subjectMs).toFixed(1)}× | ${f(r.floorOneMs)} | ${f(r.floorRoundsMs)} | ${r.tables} | ${r.indexes} |`,
  );
for (const r of rows) for (const p of r.phases) console.log(`${r.engine}: ${p.name} ${f(p.ms)} ms`);
for (const r of rows) {
  const total = r.subjectMs + r.phases.reduce((sum, p) => sum + p.ms, 0);
  console.log(`${total < GOAL_MS ? 'PASS' : 'MISS'} ${r.engine}: introspection and audit in ${f(total)} ms (goal < ${f(GOAL_MS)} ms)`);
}
