import { formatCount } from '../format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../dialects/dialect.js';
import type { Engine } from '../engines/engine.js';
import type { StoredTable } from '../model/measured.js';
import type { SeedProgress } from '../seed/load.js';
import type { Schema } from '../model/schema.js';
import type { ParsedPattern } from '../spec/check-patterns.js';
import type { WorkloadPattern } from '../sql/workload-pattern.js';
import type { AccessPatternSpec } from '../model/spec.js';
import { measurePattern, type Measurement } from './measure-pattern.js';
import { parameterTargets } from './parameter-targets.js';
import { patternFailure } from './pattern-failure.js';
import { sampleParameters } from './sample-parameters.js';
import type { PatternResult, VerifyReport } from '../model/parts/verify-report.js';
import { compareWithEstimate } from '../design/capacity/compare-sizes.js';

export interface VerifyOptions {
  readonly seed?: number;
  readonly largestRows?: number;
  readonly scale?: number;
  /** EXPLAIN ANALYZE runs per parameter set (default 3). */
  readonly runs?: number;
  /** Parameter sets drawn from the data per pattern (default 3). */
  readonly parameterSets?: number;
  readonly onProgress?: (event: VerifyProgress) => void;
}

export type VerifyProgress =
  | { readonly phase: 'ddl' }
  | ({ readonly phase: 'seed' } & SeedProgress)
  | { readonly phase: 'analyze'; readonly statement: string }
  | { readonly phase: 'explain'; readonly withIndexes: boolean; readonly pattern: string; readonly index: number; readonly total: number }
  | { readonly phase: 'indexes'; readonly count: number };

/** A table is "more than a few pages" past this: scanning it whole is a finding. */
export const LARGE_TABLE_PAGES = 10;

export interface VerifyInput {
  readonly schema: Schema;
  readonly patterns: readonly ParsedPattern[];
  readonly specPatterns: readonly AccessPatternSpec[];
  readonly workload: readonly WorkloadPattern[];
  readonly dialect: Dialect;
  readonly engine: Engine;
}

/**
 * Applies the design without its derived indexes, seeds it, measures every pattern, adds the
 * indexes and measures again. The engine must be empty in its current schema (search_path).
 * A pattern the engine will not run becomes that pattern's finding and the others are still
 * measured; an error of the engine as a whole (or of the DDL or the seed) is thrown.
 */
export async function runVerification(input: VerifyInput, options: VerifyOptions = {}): Promise<VerifyReport> {
  const { engine, dialect, schema } = input;
  const progress = options.onProgress ?? (() => undefined);
  const runs = options.runs ?? 3;
  const setsPerPattern = options.parameterSets ?? 3;
  const bare: Schema = { ...schema, tables: schema.tables.map((t) => ({ ...t, indexes: [] })) };

  progress({ phase: 'ddl' });
  await engine.exec(dialect.emitDdl(bare, { comments: false }));
  const seeded = await dialect.seed(engine, bare, {
    seed: options.seed ?? 1,
    ...(options.largestRows !== undefined ? { largestRows: options.largestRows } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
    onProgress: (p) => progress({ phase: 'seed', ...p }),
  });
  progress({ phase: 'analyze', statement: dialect.catalog.settleStatement });
  await engine.exec(dialect.catalog.settleStatement);
  const parents = await dialect.catalog.partitionRoots(engine);
  const stored = await dialect.catalog.storedTables(engine);
  const partitionPages = new Map(stored.map((t) => [t.name, t.pages]));
  const sizes = tableSizes(stored, parents);

  const failures = new Map<string, Diagnostic>();
  const orFinding = async <T>(pattern: string, stage: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      const failure = patternFailure(pattern, error, stage);
      if (!failure) throw error;
      failures.set(pattern, failure);
      return undefined;
    }
  };

  const parameterSets = new Map<string, unknown[][]>();
  for (const pattern of input.patterns) {
    const shape = input.workload.find((w) => w.name === pattern.name)!.shape;
    const targets = parameterTargets(shape, pattern.statement, pattern.params.length, schema);
    const sets = await orFinding(pattern.name, 'while its parameters were drawn from the seeded rows', () =>
      sampleParameters(engine, schema, shape, targets, setsPerPattern, dialect.sampling, input.workload.find((w) => w.name === pattern.name)!.windowSeconds),
    );
    if (sets) parameterSets.set(pattern.name, sets);
  }

  const measureAll = async (withIndexes: boolean) => {
    const out = new Map<string, Measurement>();
    for (const [i, pattern] of input.patterns.entries()) {
      progress({ phase: 'explain', withIndexes, pattern: pattern.name, index: i + 1, total: input.patterns.length });
      if (failures.has(pattern.name)) continue;
      const writes = input.workload.find((w) => w.name === pattern.name)!.shape.kind !== 'select';
      const stage = withIndexes ? "with the design's indexes" : "without the design's secondary indexes";
      const measured = await orFinding(pattern.name, stage, () => measurePattern(engine, dialect, pattern.sql, parameterSets.get(pattern.name)!, runs, writes));
      if (measured) out.set(pattern.name, measured);
    }
    return out;
  };
  const without = await measureAll(false);
  const indexCount = schema.tables.reduce((n, t) => n + t.indexes.length, 0);
  progress({ phase: 'indexes', count: indexCount });
  if (indexCount) await engine.exec(dialect.emitIndexes(schema));
  await engine.exec(dialect.catalog.analyzeStatement);
  const withIndexes = await measureAll(true);
  // Indexes on a partitioned table exist once per partition: map them back to the parent index.
  const indexParents = await dialect.catalog.partitionRoots(engine);

  // The capacity model at the seeded counts, with the column widths the engine measured, against
  // the engine's own sizes. Keys and indexes were built in one pass after the load, except on a
  // partitioned table, whose keys took the rows one by one (dialects/postgres/seed-load.ts).
  const measuredSizes = await dialect.catalog.tableSizes(engine);
  const seededRows = new Map(seeded.tables.map((t) => [t.table, t.rows]));
  const estimate = dialect.storage.estimateTableSizes(schema, seededRows, {
    columnStats: await dialect.catalog.columnStats(engine),
    indexGrowth: (t) => (t.partitioning ? 'inserts' : 'bulk'),
  });
  const sizeCheck = compareWithEstimate(estimate, measuredSizes);

  const scan = (table: string) => ({ table, rows: sizes.get(table)?.rows ?? 0, pages: sizes.get(table)?.pages ?? 0 });
  const named = (names: readonly string[]) => [...new Set(names.map((n) => indexParents.get(n) ?? parents.get(n) ?? n))];
  // An empty partition (one made ahead of time) is scanned in no time: it is not a finding.
  const scanned = (names: readonly string[]) => named(names.filter((n) => !parents.has(n) || (partitionPages.get(n) ?? 0) > 0));
  const run = (m: Measurement) => ({
    indexesUsed: named(m.indexesUsed),
    seqScans: scanned(m.seqScans).map(scan),
    nodeTypes: [...m.plan.nodeTypes],
    totalCost: m.plan.totalCost,
    medianMs: m.medianMs,
    p90Ms: m.p90Ms,
    maxMs: m.maxMs,
  });
  const patterns: PatternResult[] = input.patterns
    .filter((pattern) => !failures.has(pattern.name))
    .map((pattern) => {
      const spec = input.specPatterns.find((p) => p.name === pattern.name)!;
      const kind = input.workload.find((w) => w.name === pattern.name)!.shape.kind;
      const after = withIndexes.get(pattern.name)!;
      const before = without.get(pattern.name)!;
      const p99TargetMs = spec.p99 ? spec.p99.seconds * 1000 : undefined;
      return {
        name: pattern.name,
        kind,
        ratePerSecond: spec.rate.perSecond,
        ...run(after),
        ...(p99TargetMs !== undefined ? { p99TargetMs } : {}),
        exceedsP99: p99TargetMs !== undefined && after.medianMs > p99TargetMs,
        without: run(before),
        speedup: after.medianMs > 0 ? Math.round((before.medianMs / after.medianMs) * 10) / 10 : 1,
        parameters: [...pattern.params],
      };
    });

  const indexes = schema.tables.flatMap((t) =>
    t.indexes.map((i) => ({
      name: i.name,
      table: t.name,
      usedBy: patterns.filter((p) => p.indexesUsed.includes(i.name)).map((p) => p.name),
      reason: i.reason,
    })),
  );
  return {
    engine: await engine.version(),
    seed: {
      seed: options.seed ?? 1,
      factor: seeded.plan.factor,
      totalRows: seeded.totalRows,
      tables: seeded.tables.map((t) => {
        const planned = seeded.plan.tables.find((p) => p.table === t.table);
        return {
          table: t.table,
          rows: t.rows,
          pages: sizes.get(t.table)?.pages ?? 0,
          ...(planned?.specRows !== undefined ? { specRows: planned.specRows } : {}),
          basis: planned?.basis ?? 'default',
        };
      }),
    },
    runs,
    parameterSets: setsPerPattern,
    patterns,
    indexes,
    findings: [...input.patterns.flatMap((p) => failures.get(p.name) ?? []), ...findings(patterns, indexes)],
    capacity: {
      basis: dialect.catalog.statisticsBasis,
      tables: sizeCheck.tables.map((t) => ({ table: t.table, estimatedBytes: t.estimatedBytes, measuredBytes: t.measuredBytes, errorPct: t.errorPct })),
      total: sizeCheck.total,
    },
  };
}

/** Rows and pages per table of the design; a partitioned table counts its partitions. */
function tableSizes(stored: readonly StoredTable[], parents: ReadonlyMap<string, string>): Map<string, { rows: number; pages: number }> {
  const sizes = new Map<string, { rows: number; pages: number }>();
  for (const t of stored) {
    const name = parents.get(t.name) ?? t.name;
    const seen = sizes.get(name) ?? { rows: 0, pages: 0 };
    sizes.set(name, { rows: seen.rows + t.rows, pages: seen.pages + t.pages });
  }
  return sizes;
}

function findings(patterns: readonly PatternResult[], indexes: readonly { name: string; table: string; usedBy: string[]; reason: string }[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of patterns) {
    for (const scan of p.seqScans.filter((s) => s.pages > LARGE_TABLE_PAGES))
      out.push({
        code: 'verify/seq-scan',
        severity: 'warning',
        message: `${p.name} still reads all of \`${scan.table}\` (${formatCount(scan.rows)} rows, ${scan.pages} pages) with the design's indexes`,
        fix: 'add an index for this pattern, or accept the scan if the table stays this small',
      });
    if (p.exceedsP99)
      out.push({
        code: 'verify/p99-exceeded',
        severity: 'warning',
        message: `${p.name} takes ${p.medianMs} ms (median) at the seeded scale, over its p99 target of ${p.p99TargetMs} ms`,
        fix: 'the pattern needs a better index, a cache, or a different design; it will only get slower at full volume',
      });
  }
  for (const index of indexes) {
    if (index.usedBy.length > 0) continue;
    // Indexes kept for a foreign key or a retention job serve no access pattern by design.
    const explained = index.reason.startsWith('foreign-key') || index.reason.startsWith('retention');
    out.push({
      code: explained ? 'verify/fk-index-unused' : 'verify/unused-index',
      severity: explained ? 'info' : 'warning',
      message: explained
        ? `${index.name} serves no access pattern: it is kept for ${index.reason}`
        : `no access pattern's plan used ${index.name} at the seeded scale`,
      ...(explained ? {} : { fix: 'check the pattern it was derived for; at full volume the planner may choose it, or it may be redundant' }),
    });
  }
  return out;
}
