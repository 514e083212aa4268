import { postgresSeedScript } from '../../dialects/postgres/seed-sql.js';
import { quotePgIdentifier } from '../../dialects/postgres/quote.js';
import type { Schema } from '../../model/schema.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import type { Engine } from '../engine.js';
import { restoreAfterLoad, setAsideForLoad } from './bulk-load.js';
import { planSeed, type SeedPlan, type SeedPlanOptions } from './plan.js';

export interface SeedProgress {
  readonly table: string;
  /** 1-based position of the table in the plan. */
  readonly index: number;
  readonly total: number;
  /** Rows in the table after its insert. */
  readonly rows: number;
  readonly elapsedMs: number;
}

/**
 * How rows are loaded; either way the database checks every row before commit and the schema ends
 * as it began. `bulk` (default): inside the transaction, keys, foreign keys and plain secondary
 * indexes are dropped, the rows loaded, then keys and indexes built (one sort each) and foreign
 * keys added back (PostgreSQL validates each with one join), as pg_restore does: several times
 * faster on the reference spec (docs/benchmarks.md). `per-row`: everything stays in place; each
 * row pays one lookup per foreign key and one insert per index.
 */
export type SeedLoadMethod = 'bulk' | 'per-row';

export interface SeedOptions extends SeedPlanOptions {
  /** Same seed (and anchor), same rows (default 1). */
  readonly seed?: number;
  /** 0 (default): parents picked uniformly; higher: Zipf-like concentration of children on low ids. */
  readonly skew?: number;
  /** The instant that plays "now"; timestamps lie before it. Default: the start of the current UTC day, so runs on one day agree. */
  readonly anchor?: string | Date;
  readonly load?: SeedLoadMethod;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeededTable {
  readonly table: string;
  readonly plannedRows: number;
  /** Rows in the table: below plannedRows only where a key could not be guaranteed (ON CONFLICT DO NOTHING). */
  readonly rows: number;
  /** The table's whole step: its insert, then in a per-row load its ANALYZE (see PostgresSeedTable.analyze), and a count if needed. */
  readonly ms: number;
  /** The INSERT alone. */
  readonly insertMs: number;
}

export interface SeedResult {
  readonly plan: SeedPlan;
  readonly tables: readonly SeededTable[];
  readonly totalRows: number;
  /** Everything through commit. */
  readonly ms: number;
  /** Bulk load: adding keys and indexes back, ANALYZE, and validating the foreign keys. */
  readonly finishMs: number;
}

/** Engines whose SQL the PostgreSQL seed script is. */
const POSTGRES_ENGINES = new Set(['pglite', 'postgres']);

/**
 * Fills every table of an applied schema (in the session's search_path: statements are unqualified)
 * with synthetic rows at the planned volume, server-side, in one transaction, and analyzes them.
 * On any error the transaction is rolled back (the schema is as before) and the error says where.
 */
export async function seedDatabase(engine: Engine, schema: Schema, options: SeedOptions = {}): Promise<SeedResult> {
  if (!POSTGRES_ENGINES.has(engine.kind)) throw new Error(`seeding is implemented for PostgreSQL engines, not ${engine.kind}`);
  await loadPgParser();
  const plan = planSeed(schema, options);
  const script = postgresSeedScript(schema, plan, { seed: options.seed ?? 1, skew: options.skew ?? 0, anchor: anchorOf(options.anchor) });
  const bulk = (options.load ?? 'bulk') === 'bulk';
  const names = plan.tables.map((t) => t.table);

  const started = performance.now();
  const tables: SeededTable[] = [];
  let finishMs = 0;
  let step = 'starting';
  // Every table, derived ones too, gets its own synthetic rows: the triggers that keep derived tables in step would write them twice.
  const triggered = schema.tables.filter((t) => t.triggers?.length).map((t) => quotePgIdentifier(t.name));
  await engine.exec('BEGIN');
  try {
    step = 'disabling triggers for the load';
    for (const table of triggered) await engine.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    step = 'setting keys and indexes aside for the load';
    // Keys stay where inserts rely on them: ON CONFLICT needs them, the later UPDATE finds rows by them.
    const keep = new Set([...script.tables.filter((t) => t.mayConflict).map((t) => t.table), ...script.fillLater.map((f) => f.table)]);
    // A partitioned table keeps its keys and indexes: each exists once per partition, and rebuilding
    // them would rename the partitions' copies.
    const partitioned = new Set(schema.tables.filter((t) => t.partitioning).map((t) => t.name));
    const setAside = bulk ? await setAsideForLoad(engine, names, new Set([...keep, ...partitioned]), partitioned) : undefined;

    for (const [i, statement] of script.tables.entries()) {
      step = `table ${statement.table}`;
      const t0 = performance.now();
      await engine.exec(statement.insert);
      const insertMs = performance.now() - t0;
      if (!bulk) await engine.exec(statement.analyze);
      // Without ON CONFLICT an INSERT … SELECT over generate_series(1, n) inserts n rows or fails.
      const rows = statement.mayConflict ? await countRows(engine, statement.table) : statement.rows;
      tables.push({ table: statement.table, plannedRows: statement.rows, rows, ms: performance.now() - t0, insertMs });
      options.onProgress?.({ table: statement.table, index: i + 1, total: script.tables.length, rows, elapsedMs: performance.now() - started });
    }
    for (const fill of script.fillLater) {
      step = `table ${fill.table} (references filled after the load)`;
      await engine.exec(fill.sql);
    }

    const f0 = performance.now();
    if (setAside) await restoreAfterLoad(engine, setAside, script.analyzeAll, (s) => (step = s));
    else if (script.analyzeAfterFill) await engine.exec(script.analyzeAfterFill);
    finishMs = setAside ? performance.now() - f0 : 0;

    step = 'resetting identity sequences';
    for (const sql of script.resetIdentities) await engine.exec(sql);
    for (const table of triggered) await engine.exec(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    step = 'commit';
    await engine.exec('COMMIT');
  } catch (error) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    throw new Error(`seeding ${step}: ${(error as Error).message}`, { cause: error });
  }
  return { plan, tables, totalRows: tables.reduce((sum, t) => sum + t.rows, 0), ms: performance.now() - started, finishMs };
}

async function countRows(engine: Engine, table: string): Promise<number> {
  const rows = await engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quotePgIdentifier(table)}`);
  return rows[0]?.n ?? 0;
}

function anchorOf(anchor: string | Date | undefined): string {
  if (anchor !== undefined) {
    const date = new Date(anchor);
    if (Number.isNaN(date.getTime())) throw new Error(`the seed anchor ${String(anchor)} is not a date`);
    return date.toISOString();
  }
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}
