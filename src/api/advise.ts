import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../dialects/dialect.js';
import { defaultDialect } from '../dialects/registry.js';
import type { Engine } from '../engines/engine.js';
import { startPglite } from '../engines/pglite.js';
import { redactSecrets, redactUrl } from '../engines/redact.js';
import {
  adviseIndexes,
  readCostConstants,
  StatStatementsUnavailable,
  startHypopg,
  startRolledBackBuilds,
  WhatIfUnavailable,
  workloadFromLog,
  workloadFromPatterns,
  workloadFromSqlFile,
  workloadFromStatStatements,
  type Advice,
  type AdviseSettings,
  type WhatIfEngine,
  type Workload,
} from '../existing/advise/index.js';
import type { Introspection } from '../model/introspection.js';
import type { Schema } from '../model/schema.js';
import { loadSpecFile } from '../spec/load-spec.js';
import { loadPgParser } from '../sql/pg-parser.js';
import { auditInputKind } from './audit.js';
import { designFromSpec, workloadOf } from './design.js';
import { introspectAndUse } from './introspect.js';

/** Where the workload comes from; by default the spec's access patterns, or a server's pg_stat_statements. */
export type WorkloadSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stat-statements' }
  | { readonly kind: 'log'; readonly path: string }
  | { readonly kind: 'patterns' };

export interface AdviseOptions extends AdviseSettings {
  readonly workload?: WorkloadSource;
  /** The database schemas to advise on (a server); default every schema that is not the system's. */
  readonly namespaces?: readonly string[];
  /** Rows each table is seeded with when a SQL file leaves every table empty (default 100,000), or a spec's largest table (as verify seeds). */
  readonly rows?: number;
  readonly seed?: number;
  /** Bounds every statement on a server (default 30 s) and connecting (default 10 s). */
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

export interface AdviseReport {
  readonly advice: Advice;
  readonly workload: Workload;
  /** What was advised on, safe to print: the redacted URL, or the file. */
  readonly target: string;
  readonly engine: string;
  /** How the data the costs rest on came to be: the server's own, a file's, or seeded. */
  readonly data: string;
  readonly diagnostics: readonly Diagnostic[];
}

export type AdviseResult =
  | ({ readonly ok: true } & AdviseReport)
  /** `input`: the target or the workload is wrong (exit 2, diagnostics say where); `engine`: the database failed (exit 3). Safe to print. */
  | { readonly ok: false; readonly failure: 'input' | 'engine'; readonly message: string; readonly diagnostics: readonly Diagnostic[] };

/** The instant seeded timestamps lie before: fixed, so two runs seed the same rows. */
const SEED_ANCHOR = '2026-01-01T00:00:00Z';

/** Rows per table when a SQL file's tables are all empty. */
export const DEFAULT_SEEDED_ROWS = 100_000;

class InputProblem extends Error {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}

/**
 * Index advice for a workload on a database: a live PostgreSQL server (read-only session;
 * hypothetical indexes with hypopg), a SQL schema file or a spec (loaded into PGlite, seeded when
 * empty; candidates really built inside a transaction that is rolled back). Never creates an index
 * on a server. Progress goes to `onProgress`.
 */
export async function advise(target: string, options: AdviseOptions = {}): Promise<AdviseResult> {
  await loadPgParser();
  const kind = auditInputKind(target);
  const fail = (failure: 'input' | 'engine', message: string, diagnostics: readonly Diagnostic[] = []): AdviseResult => ({
    ok: false,
    failure,
    message: redactSecrets(message, target),
    diagnostics,
  });
  if (kind === undefined) return fail('input', `\`${redactUrl(target)}\` is not a spec (.yaml), a SQL file (.sql) or a postgres:// URL`);
  if (kind === 'url' && !/^postgres(ql)?:\/\//i.test(target)) return fail('input', `${redactUrl(target)}: index advice needs PostgreSQL (a postgres:// URL)`);
  if (kind !== 'url' && options.workload?.kind === 'stat-statements')
    return fail('input', '--stat-statements reads a live server: give a postgres:// URL, or the queries with --workload FILE');
  if (kind === 'spec') return adviseSpec(target, options, fail);

  let outcome: AdviseResult | undefined;
  const read = await introspectAndUse(
    target,
    {
      ...(options.namespaces ? { namespaces: options.namespaces } : {}),
      statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    },
    async (engine, introspection) => {
      try {
        outcome = await adviseOnEngine(engine, introspection, options);
      } catch (error) {
        if (error instanceof InputProblem) outcome = fail('input', error.message, error.diagnostics);
        else if (error instanceof WhatIfUnavailable || error instanceof StatStatementsUnavailable) outcome = fail('engine', error.message);
        else throw error;
      }
    },
  );
  if (!read.ok) return fail(read.failure, read.message, read.diagnostic ? [read.diagnostic] : []);
  return outcome!;
}

/** A live server or a loaded SQL file, open on `engine`. */
async function adviseOnEngine(engine: Engine, introspection: Introspection, options: AdviseOptions): Promise<AdviseResult> {
  const dialect = defaultDialect();
  const live = introspection.source.kind === 'live';
  let schema = introspection.schema;
  const namespaces = introspection.source.namespaces.length ? introspection.source.namespaces : ['public'];
  await engine.exec(
    `SET search_path TO ${[...namespaces, 'public']
      .filter((n, i, all) => all.indexOf(n) === i)
      .map((n) => dialect.quoteIdentifier(n))
      .join(', ')}`,
  );
  const progress = options.onProgress ?? (() => undefined);

  let data: string;
  let rows: Map<string, number>;
  if (live) {
    rows = new Map(schema.tables.map((t) => [t.name, t.stats?.rows ?? 0]));
    data = `the server's own rows (the planner's statistics of ${introspection.source.location})`;
  } else {
    await engine.exec(dialect.catalog.settleStatement);
    rows = await storedRows(engine, dialect);
    if ([...rows.values()].every((n) => n === 0) && schema.tables.length > 0) {
      const perTable = options.rows ?? DEFAULT_SEEDED_ROWS;
      schema = { ...schema, tables: schema.tables.map((t) => ({ ...t, volume: { rows: perTable, growthPerMonth: 0, appendOnly: false } })) };
      progress(`seeding ${schema.tables.length} empty tables with ${perTable} rows each`);
      await dialect.seed(engine, schema, { seed: options.seed ?? 1, largestRows: perTable, anchor: SEED_ANCHOR });
      await engine.exec(dialect.catalog.settleStatement);
      rows = await storedRows(engine, dialect);
      data = `synthetic rows seeded into PGlite (${perTable} a table, seed ${options.seed ?? 1})`;
    } else data = "the file's own rows, loaded into PGlite";
  }
  const read = await readWorkload(engine, schema, options.workload ?? (live ? { kind: 'stat-statements' } : undefined), introspection.source.location);
  return runAdvice(engine, dialect, schema, read, rows, options, {
    target: introspection.source.location,
    engine: await engine.version(),
    data,
    live,
    usageCounted: live && introspection.statsSince !== null,
  });
}

async function adviseSpec(
  file: string,
  options: AdviseOptions,
  fail: (f: 'input' | 'engine', m: string, d?: readonly Diagnostic[]) => AdviseResult,
): Promise<AdviseResult> {
  const loaded = await loadSpecFile(file);
  if (!loaded.loaded) return fail('input', `${file}: the spec has errors`, loaded.diagnostics);
  const dialect = defaultDialect();
  const designed = await designFromSpec(loaded.loaded, loaded.diagnostics, { dialect });
  if (!designed.ok) return fail('input', `${file}: the spec has errors`, designed.diagnostics);
  const schema = designed.design.schema;
  const engine = await startPglite();
  try {
    const progress = options.onProgress ?? (() => undefined);
    progress("applying the design's schema and seeding it into PGlite");
    await engine.exec(dialect.emitDdl(schema, { comments: false }));
    const seeded = await dialect.seed(engine, schema, {
      seed: options.seed ?? 1,
      ...(options.rows !== undefined ? { largestRows: options.rows } : {}),
      anchor: SEED_ANCHOR,
    });
    await engine.exec(dialect.catalog.settleStatement);
    const rows = new Map(seeded.tables.map((t) => [t.table, t.rows]));
    const source = options.workload ?? { kind: 'patterns' as const };
    const read =
      source.kind === 'patterns'
        ? {
            diagnostics: [],
            workload: workloadFromPatterns(
              `${file} (access patterns)`,
              workloadOf(loaded.loaded).map((p, i) => ({
                name: p.name,
                sql: loaded.loaded!.patterns[i]!.sql,
                parameters: loaded.loaded!.patterns[i]!.params.length,
                ratePerSecond: p.ratePerSecond,
                shape: p.shape,
              })),
            ),
          }
        : await readWorkload(engine, schema, source, file);
    return await runAdvice(engine, dialect, schema, read, rows, options, {
      target: file,
      engine: await engine.version(),
      data: `the design's schema seeded into PGlite (${seeded.totalRows} rows, seed ${options.seed ?? 1}, the spec's volumes scaled)`,
      live: false,
      usageCounted: false,
    });
  } catch (error) {
    if (error instanceof InputProblem) return fail('input', error.message, error.diagnostics);
    return fail('engine', `advising on ${file} failed: ${(error as Error).message}`);
  } finally {
    await engine.close().catch(() => undefined);
  }
}

async function runAdvice(
  engine: Engine,
  dialect: Dialect,
  schema: Schema,
  { workload, diagnostics }: ReadWorkload,
  rows: Map<string, number>,
  options: AdviseOptions,
  about: { target: string; engine: string; data: string; live: boolean; usageCounted: boolean },
): Promise<AdviseResult> {
  if (workload.queries.length === 0) throw new InputProblem(`${workload.source}: no query of the workload reads the schema's tables; nothing to advise on`);
  const columnStats = await dialect.catalog.columnStats(engine);
  const constants = await readCostConstants(engine);
  const whatIf: WhatIfEngine = about.live ? await startHypopg(engine, dialect, schema) : await startRolledBackBuilds(engine, dialect, schema);
  try {
    const advice = await adviseIndexes({ dialect, schema, workload, engine: whatIf, constants, rows, columnStats, usageCounted: about.usageCounted }, options);
    return { ok: true, advice, workload, target: about.target, engine: about.engine, data: about.data, diagnostics };
  } finally {
    await whatIf.close();
  }
}

interface ReadWorkload {
  readonly workload: Workload;
  /** Warnings of a workload file (queries left out); errors are thrown as an InputProblem. */
  readonly diagnostics: readonly Diagnostic[];
}

async function readWorkload(engine: Engine, schema: Schema, source: WorkloadSource | undefined, location: string): Promise<ReadWorkload> {
  if (!source || source.kind === 'patterns')
    throw new InputProblem(`${location}: give the workload: --workload FILE (queries, one each) or --log FILE (a server log)`);
  if (source.kind === 'stat-statements') return { workload: await workloadFromStatStatements(engine, schema), diagnostics: [] };
  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputProblem(`${source.path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? 'unknown error'})`}`);
  }
  if (source.kind === 'log') return { workload: workloadFromLog(source.path, text, schema), diagnostics: [] };
  const read = workloadFromSqlFile(source.path, text, schema);
  if (read.diagnostics.some((d) => d.severity === 'error')) throw new InputProblem(`${source.path}: the workload has errors`, read.diagnostics);
  return read;
}

/** Rows of each table as the catalog counts them after VACUUM ANALYZE (a partitioned table sums its partitions). */
async function storedRows(engine: Engine, dialect: Dialect): Promise<Map<string, number>> {
  const sizes = await dialect.catalog.tableSizes(engine);
  return new Map([...sizes].map(([table, size]) => [table, size.rows]));
}
