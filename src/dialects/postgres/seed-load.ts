import type { Schema } from '../../model/schema.js';
import { anchorOf, type SeededTable, type SeedOptions, type SeedResult } from '../../seed/load.js';
import { planSeed } from '../../seed/plan.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import type { SqlSession } from '../session.js';
import { restoreAfterLoad, setAsideForLoad } from './bulk-load.js';
import { quotePgIdentifier } from './quote.js';
import { postgresSeedScript } from './seed-sql.js';

/** Engines whose SQL the PostgreSQL seed script is. */
const POSTGRES_ENGINES = new Set(['pglite', 'postgres']);

/**
 * Fills every table of an applied schema (in the session's search_path: statements are unqualified)
 * with synthetic rows at the planned volume, server-side, in one transaction, and analyzes them.
 * On any error the transaction is rolled back (the schema is as before) and the error says where.
 */
export async function seedPostgres(engine: SqlSession, schema: Schema, options: SeedOptions = {}): Promise<SeedResult> {
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

async function countRows(engine: SqlSession, table: string): Promise<number> {
  const rows = await engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quotePgIdentifier(table)}`);
  return rows[0]?.n ?? 0;
}
