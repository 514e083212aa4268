/**
 * Benchmark of seeding synthetic data against its floor and a row-by-row baseline, side by side in
 * one run, on the reference spec in PGlite.
 *
 *   node --import tsx bench/seed.ts                 # markdown on stdout, progress on stderr
 *   node --import tsx bench/seed.ts --json --rounds=3 --largest=200000 --sample=5000 --variants
 *
 * Subject: seedPostgres (src/dialects/postgres/seed-load.ts) at the default scale (largest table 200k rows):
 * one transaction; per table INSERT … SELECT over generate_series with hash-derived values;
 * indexes, ANALYZE, foreign keys; identity sequences reset; commit.
 * Floor: the same tables, row counts, constraints and indexes, loaded the same way (one
 * transaction; bulk: keys, foreign keys and secondary indexes set aside and restored by the seed's
 * own code; per-row: all in place, ANALYZE after each table so the foreign-key checks plan on
 * statistics), filled by INSERT … SELECT generate_series with constants: tenant 1, every reference
 * to row 1, g where a key needs distinct values, an enumeration of parents for the relation's key.
 * The floor as briefed is the per-row one (constants, constraints in place); the bulk one is the
 * like-for-like comparison for the default seed.
 * Row by row: a sample of rows from the same generator (rows n+1… of each table, spread over the
 * tables like the seed), fetched as text first (untimed), then one parameterized INSERT per row
 * (`engine.query(sql, params)`, as an application would) in one transaction, rolled back; rows/s
 * extrapolated from the sample.
 * Each round uses fresh schemas, dropped afterwards; subject and floor alternate which goes first.
 * Both load methods (SeedLoadMethod) are measured, each against the floor loaded the same way.
 * Medians over the rounds. --variants adds the floor with foreign-key checks off
 * (session_replication_role = replica), to show what the checks cost.
 * Exit code 0 whether or not goals are met (a benchmark, not a test).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { designFromFile } from '../src/api/design.js';
import { postgresSeedSelect } from '../src/dialects/postgres/seed-sql.js';
import { quotePgIdentifier as q, quotePgLiteral } from '../src/dialects/postgres/quote.js';
import type { Engine } from '../src/engines/engine.js';
import { startPglite } from '../src/engines/pglite.js';
import { restoreAfterLoad, setAsideForLoad } from '../src/dialects/postgres/bulk-load.js';
import { planSeed, type SeedPlan } from '../src/seed/plan.js';
import type { SeedLoadMethod } from '../src/seed/load.js';
import { seedPostgres } from '../src/dialects/postgres/seed-load.js';
import { seedShape } from '../src/seed/table-shape.js';
import type { Column, Schema, Table } from '../src/model/schema.js';

const GOAL_FLOOR_RATIO = 0.5;
const GOAL_ROW_BY_ROW_FACTOR = 20;
const ANCHOR = '2026-01-01T00:00:00Z';
const SPEC = fileURLToPath(new URL('../examples/saas-shop.yaml', import.meta.url));

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const json = args.includes('--json');
const variants = args.includes('--variants');
const rounds = Number(option('rounds') ?? 3);
const largestRows = Number(option('largest') ?? 200_000);
const sampleRows = Number(option('sample') ?? 5_000);
const log = (message: string) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------
// The floor: constants that satisfy the keys

function floorInsert(schema: Schema, table: Table, rows: number, plan: SeedPlan): string {
  const shape = seedShape(schema, table);
  const rowsOf = (name: string) => plan.tables.find((t) => t.table === name)!.rows;
  const link = shape.linkForeignKeys;
  const values = table.columns.map((column) => {
    if (column.name === shape.tenantColumn) return '1';
    const li = link.findIndex((fk) => fk.columns.includes(column.name));
    if (li >= 0) {
      const radix = link
        .slice(0, li)
        .map((fk) => rowsOf(fk.refTable))
        .reduce((a, b) => a * b, 1);
      return `((g - 1) / ${radix}) % ${rowsOf(link[li]!.refTable)} + 1`;
    }
    if (table.foreignKeys.some((fk) => fk.columns.includes(column.name))) return '1';
    if (shape.uniqueColumns.includes(column.name)) return uniqueConstant(table, column);
    return constant(table, column);
  });
  const identity = table.columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${q(table.name)} (${table.columns.map((c) => q(c.name)).join(', ')})${identity} SELECT ${values.join(', ')} FROM generate_series(1, ${rows}) AS g;`;
}

function formatOf(table: Table, column: Column): string | undefined {
  const rule = table.checks.find((c) => c.rule.kind === 'format' && c.rule.column === column.name)?.rule;
  return rule?.kind === 'format' ? rule.format : undefined;
}

function uniqueConstant(table: Table, column: Column): string {
  if (column.type.kind === 'int32' || column.type.kind === 'int64') return 'g';
  const format = formatOf(table, column);
  if (format === 'email') return `'u' || g || '@example.com'`;
  if (format === 'phone') return `'+1' || lpad(g::text, 10, '0')`;
  if (column.type.kind === 'string' || column.type.kind === 'text') return 'g::text';
  throw new Error(`the floor has no unique constant for ${table.name}.${column.name} (${column.type.kind})`);
}

function constant(table: Table, column: Column): string {
  const type = column.type;
  const range = table.checks.find((c) => c.rule.kind === 'range' && c.rule.column === column.name)?.rule;
  const min = range?.kind === 'range' ? (range.min ?? range.max) : undefined;
  switch (type.kind) {
    case 'string': {
      const format = formatOf(table, column);
      return format === 'email' ? `'a@example.com'` : format === 'phone' ? `'+10000000000'` : `'x'`;
    }
    case 'text':
      return `'x'`;
    case 'int16':
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'float':
      return String(min ?? 1);
    case 'bool':
      return 'true';
    case 'date':
      return `'2026-01-01'`;
    case 'time':
      return `'12:00'`;
    case 'timestamp':
      return quotePgLiteral(ANCHOR);
    case 'json':
      return `'{}'`;
    case 'uuid':
      return `'00000000-0000-0000-0000-000000000000'`;
    case 'enum':
      return quotePgLiteral(firstEnumValue.get(type.name) ?? '');
    default:
      throw new Error(`the floor has no constant for ${table.name}.${column.name} (${type.kind})`);
  }
}
const firstEnumValue = new Map<string, string>();

// ---------------------------------------------------------------------------------------------
// Measurements

interface TableTimes {
  readonly [table: string]: number;
}
interface Measurement {
  readonly rows: number;
  readonly ms: number;
  readonly insertMs: TableTimes;
}

let schemaCounter = 0;
async function freshSchema(engine: Engine, ddl: string): Promise<string> {
  const name = `bench_${++schemaCounter}`;
  await engine.exec(`CREATE SCHEMA ${name}; SET search_path TO ${name};`);
  await engine.exec(ddl);
  return name;
}

async function dropSchema(engine: Engine, name: string): Promise<void> {
  await engine.exec(`SET search_path TO public; DROP SCHEMA ${name} CASCADE;`);
}

async function measureSeed(engine: Engine, schema: Schema, ddl: string, load: SeedLoadMethod): Promise<Measurement> {
  const name = await freshSchema(engine, ddl);
  const t0 = performance.now();
  const result = await seedPostgres(engine, schema, { largestRows, seed: 1, anchor: ANCHOR, load });
  const ms = performance.now() - t0;
  await dropSchema(engine, name);
  return { rows: result.totalRows, ms, insertMs: Object.fromEntries(result.tables.map((t) => [t.table, t.insertMs])) };
}

/**
 * The floor, loaded the way the seed loads with the same method (see SeedLoadMethod): `bulk` sets
 * keys, foreign keys and secondary indexes aside and restores them after the load (the seed's own
 * code, keeping the keys of the same tables); `per-row` keeps them and analyzes each table after
 * its insert; `none` keeps everything but turns the foreign-key checks off (replica role), to show
 * what the checks cost.
 */
async function measureFloor(engine: Engine, schema: Schema, ddl: string, plan: SeedPlan, load: SeedLoadMethod | 'none'): Promise<Measurement> {
  const name = await freshSchema(engine, ddl);
  if (load === 'none') await engine.exec('SET session_replication_role = replica');
  const names = plan.tables.map((t) => t.table);
  const insertMs: Record<string, number> = {};
  const t0 = performance.now();
  await engine.exec('BEGIN');
  const conflicting = new Set(schema.tables.filter((t) => seedShape(schema, t).mayConflict).map((t) => t.name));
  const setAside = load === 'bulk' ? await setAsideForLoad(engine, names, conflicting) : undefined;
  let rows = 0;
  for (const p of plan.tables) {
    const table = schema.tables.find((t) => t.name === p.table)!;
    const t1 = performance.now();
    await engine.exec(floorInsert(schema, table, p.rows, plan));
    insertMs[p.table] = performance.now() - t1;
    if (load !== 'bulk') await engine.exec(`ANALYZE ${q(p.table)}`);
    rows += p.rows;
  }
  if (setAside) await restoreAfterLoad(engine, setAside, `ANALYZE ${names.map(q).join(', ')}`);
  await engine.exec('COMMIT');
  const ms = performance.now() - t0;
  if (load === 'none') await engine.exec('SET session_replication_role = origin');
  await dropSchema(engine, name);
  return { rows, ms, insertMs };
}

/** Seeds a schema, then replays a sample of further rows one parameterized INSERT at a time. */
async function measureRowByRow(engine: Engine, schema: Schema, ddl: string, plan: SeedPlan): Promise<Measurement> {
  const name = await freshSchema(engine, ddl);
  await seedPostgres(engine, schema, { largestRows, seed: 1, anchor: ANCHOR });
  const total = plan.tables.reduce((s, t) => s + t.rows, 0);
  const samples: { table: Table; sql: string; rows: unknown[][] }[] = [];
  for (const p of plan.tables) {
    const table = schema.tables.find((t) => t.name === p.table)!;
    const k = Math.max(1, Math.round((sampleRows * p.rows) / total));
    const select = postgresSeedSelect(schema, plan, { seed: 1, anchor: ANCHOR }, p.table, p.rows + 1, p.rows + k);
    const rows = await engine.query<Record<string, unknown>>(`SELECT ${select.columns.map((c) => `${c}::text AS ${c}`).join(', ')} FROM (${select.sql}) AS s`);
    const identity = table.columns.some((c) => c.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
    const conflict = seedShape(schema, table).mayConflict ? ' ON CONFLICT DO NOTHING' : '';
    const sql = `INSERT INTO ${q(table.name)} (${select.columns.join(', ')})${identity} VALUES (${select.columns.map((_, i) => `$${i + 1}`).join(', ')})${conflict}`;
    samples.push({ table, sql, rows: rows.map((r) => Object.values(r)) });
  }
  const insertMs: Record<string, number> = {};
  let rows = 0;
  await engine.exec('BEGIN');
  const t0 = performance.now();
  for (const sample of samples) {
    const t1 = performance.now();
    for (const row of sample.rows) await engine.query(sample.sql, row);
    insertMs[sample.table.name] = performance.now() - t1;
    rows += sample.rows.length;
  }
  const ms = performance.now() - t0;
  await engine.exec('ROLLBACK');
  await dropSchema(engine, name);
  return { rows, ms, insertMs };
}

// ---------------------------------------------------------------------------------------------
// Main

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const rate = (m: readonly Measurement[]) => median(m.map((x) => (x.rows / x.ms) * 1000));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const design = await designFromFile(SPEC);
if (!design.ok) throw new Error(`the reference spec does not design: ${JSON.stringify(design.diagnostics)}`);
const schema = design.design.schema;
const ddl = design.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
for (const e of schema.enums) firstEnumValue.set(e.name, e.values[0]!);
const plan = planSeed(schema, { largestRows });
/** What the DDL holds, so a recorded run says what it loaded (the design evolves). */
const inventory = {
  primaryKeys: (ddl.match(/ PRIMARY KEY \(/g) ?? []).length,
  uniques: (ddl.match(/ UNIQUE \(/g) ?? []).length,
  foreignKeys: (ddl.match(/ FOREIGN KEY \(/g) ?? []).length,
  secondaryIndexes: (ddl.match(/^CREATE (UNIQUE )?INDEX /gm) ?? []).length,
};

const loadBefore = loadavg()[0]!;
const engine = await startPglite();
const engineVersion = await engine.version();

/** The methods measured each round, in alternating order; `base` marks the ones every round needs. */
const methods = {
  seed: { label: 'seed (seedPostgres, bulk load: the default)', run: () => measureSeed(engine, schema, ddl, 'bulk') },
  floor: { label: 'floor: INSERT … SELECT constants, bulk load', run: () => measureFloor(engine, schema, ddl, plan, 'bulk') },
  seedPerRow: { label: 'seed, per-row load (foreign keys and indexes in place)', run: () => measureSeed(engine, schema, ddl, 'per-row') },
  floorPerRow: { label: 'floor: INSERT … SELECT constants, per-row load', run: () => measureFloor(engine, schema, ddl, plan, 'per-row') },
  rowByRow: { label: 'row by row: a parameterized INSERT per row (sample, extrapolated)', run: () => measureRowByRow(engine, schema, ddl, plan) },
  floorNoChecks: { label: 'floor, indexes in place, foreign-key checks off (replica role)', run: () => measureFloor(engine, schema, ddl, plan, 'none') },
} as const;
type Method = keyof typeof methods;
const chosen: Method[] = ['seed', 'floor', 'seedPerRow', 'floorPerRow', 'rowByRow', ...(variants ? (['floorNoChecks'] as const) : [])];
const results = new Map<Method, Measurement[]>(chosen.map((m) => [m, []]));

log(`warm-up (largest table ${largestRows / 10} rows)`);
{
  const warm = planSeed(schema, { largestRows: largestRows / 10 });
  const name = await freshSchema(engine, ddl);
  await seedPostgres(engine, schema, { largestRows: largestRows / 10, anchor: ANCHOR });
  await dropSchema(engine, name);
  await measureFloor(engine, schema, ddl, warm, 'bulk');
}
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? chosen : [...chosen].reverse();
  for (const method of order) {
    const m = await methods[method].run();
    results.get(method)!.push(m);
    log(`round ${round}: ${method} ${fmt(m.rows)} rows in ${fmt(m.ms)} ms (${fmt((m.rows / m.ms) * 1000)} rows/s)`);
  }
}
await engine.close();
const loadAfter = loadavg()[0]!;

const rateOf = (m: Method) => rate(results.get(m)!);
const msOf = (m: Method) => median(results.get(m)!.map((x) => x.ms));
const goals = [
  {
    goal: `seed ≥ ${GOAL_FLOOR_RATIO * 100}% of the floor's rows/s (the floor as briefed: constants, constraints in place)`,
    ratio: rateOf('seed') / rateOf('floorPerRow'),
    min: GOAL_FLOOR_RATIO,
    shown: (r: number) => `${fmt(r * 100)}%`,
  },
  {
    goal: `  the same, like for like: both loaded in bulk`,
    ratio: rateOf('seed') / rateOf('floor'),
    min: GOAL_FLOOR_RATIO,
    shown: (r: number) => `${fmt(r * 100)}%`,
  },
  {
    goal: `  the same, like for like: both loaded per row`,
    ratio: rateOf('seedPerRow') / rateOf('floorPerRow'),
    min: GOAL_FLOOR_RATIO,
    shown: (r: number) => `${fmt(r * 100)}%`,
  },
  {
    goal: `seed ≥ ${GOAL_ROW_BY_ROW_FACTOR}× row-by-row rows/s`,
    ratio: rateOf('seed') / rateOf('rowByRow'),
    min: GOAL_ROW_BY_ROW_FACTOR,
    shown: (r: number) => `${fmt(r, 1)}×`,
  },
].map((g) => ({ goal: g.goal, ratio: g.ratio, pass: g.ratio >= g.min, shown: g.shown(g.ratio) }));
const perTable = plan.tables.map((t) => ({
  table: t.table,
  rows: t.rows,
  ...Object.fromEntries(chosen.filter((m) => m !== 'rowByRow').map((m) => [m, median(results.get(m)!.map((x) => x.insertMs[t.table]!))])),
}));
const machine = {
  node: process.version,
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  platform: `${process.platform} ${process.arch}`,
  engine: engineVersion,
};
const noise = { loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, busy: Math.max(loadBefore, loadAfter) > machine.nproc * 0.75 };

if (json) {
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'seed', machine, noise, rounds, largestRows, sampleRows, inventory, results: Object.fromEntries(results), perTable, goals }, null, 2)}\n`,
  );
} else {
  const out: string[] = [];
  const totalRows = results.get('seed')![0]!.rows;
  out.push(
    `Reference spec (examples/saas-shop.yaml), largest table ${fmt(largestRows)} rows: ${fmt(totalRows)} rows in ${plan.tables.length} tables (${inventory.primaryKeys} primary keys, ${inventory.uniques} uniques, ${inventory.foreignKeys} foreign keys, ${inventory.secondaryIndexes} secondary indexes); ${machine.engine}; medians of ${rounds} rounds.`,
    '',
  );
  out.push(
    `node ${machine.node}, ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGb} GB, ${machine.platform}. 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.${noise.busy ? ' NOTE: the machine was busy with other work: absolute times are inflated; the interleaved ratios less so.' : ''}`,
    '',
  );
  out.push('| method | rows | median ms | rows/s | seed (default) is |', '|---|---:|---:|---:|---:|');
  for (const m of chosen) {
    const relative = m === 'seed' ? '' : `${fmt(rateOf('seed') / rateOf(m), 2)}×`;
    out.push(`| ${methods[m].label} | ${fmt(results.get(m)![0]!.rows)} | ${fmt(msOf(m))} | ${fmt(rateOf(m))} | ${relative} |`);
  }
  out.push('', '| goal | measured | result |', '|---|---:|---|');
  for (const g of goals) out.push(`| ${g.goal} | ${g.shown} | ${g.pass ? 'PASS' : 'MISS'} |`);
  const columns = chosen.filter((m) => m !== 'rowByRow');
  out.push('', 'Inserts per table, median ms (without ANALYZE, index builds and foreign-key validation):', '');
  out.push(`| table | rows | ${columns.join(' | ')} |`, `|---|---:|${columns.map(() => '---:').join('|')}|`);
  for (const t of perTable) out.push(`| ${t.table} | ${fmt(t.rows)} | ${columns.map((m) => fmt((t as unknown as Record<string, number>)[m]!)).join(' | ')} |`);
  process.stdout.write(`${out.join('\n')}\n`);
}
