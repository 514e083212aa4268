import type { Dialect } from '../dialects/dialect.js';
import { defaultDialect } from '../dialects/registry.js';
import type { Engine } from '../engines/engine.js';
import { discoverTableDependencies } from '../existing/dependencies/discover.js';
import { normalizeTable, type TableNormalization } from '../existing/normalize/normalize-table.js';
import type { Schema } from '../model/schema.js';
import { renderNormalizationReport } from '../writers/normalize/normalization-report.js';

export interface DependencyOptions {
  /** The dialect to sample with (the registry's default, PostgreSQL, when omitted). */
  readonly dialect?: Dialect;
  /** Rows sampled per table (default 10,000): the evidence, and the bound on time and memory. */
  readonly sampleRows?: number;
  /** Only these tables (default: every table of the schema). */
  readonly tables?: readonly string[];
  /** Largest determinant searched, in columns (default 3). */
  readonly maxLhs?: number;
  /** Report approximate dependencies broken by at most this share of the sampled rows (default 0: exact only). */
  readonly maxViolationRate?: number;
  /** The search's bounds on column sets per level and on rows visited (tane.ts; defaults 200,000 and 40 million). */
  readonly maxNodes?: number;
  readonly maxWork?: number;
  /** Bound on each sampling statement (default 30 s). */
  readonly statementTimeoutMs?: number;
}

export interface DependencyDiscovery {
  readonly results: readonly TableNormalization[];
  /** The report section (Markdown), decompositions written as spec changes. */
  readonly markdown: string;
}

export const DEFAULT_SAMPLE_ROWS = 10_000;

/**
 * Normalization from the data: samples each table of an existing database through the dialect
 * (`sampling.sampleRows`, a stable pseudo-random order, read only), finds the functional
 * dependencies that hold on the sample, and reports the 2NF, 3NF and BCNF violations against the
 * declared keys with the decomposition that removes each. One row more than the sample size is
 * asked for, so the report knows whether the sample is the whole table.
 */
export async function discoverDependencies(engine: Engine, schema: Schema, options: DependencyOptions = {}): Promise<DependencyDiscovery> {
  const dialect = options.dialect ?? defaultDialect();
  await dialect.prepare();
  const count = Math.max(2, Math.trunc(options.sampleRows ?? DEFAULT_SAMPLE_ROWS));
  const timeout = options.statementTimeoutMs ?? 30_000;
  await engine.exec(dialect.session.timeouts(timeout, Math.min(timeout, 5_000)));
  const wanted = options.tables ? schema.tables.filter((t) => options.tables!.includes(t.name)) : schema.tables;
  const results: TableNormalization[] = [];
  for (const table of wanted) {
    const columns = table.columns.map((c) => c.name);
    if (columns.length === 0) continue;
    const fetched = await engine.query<Record<string, unknown>>(dialect.sampling.sampleRows(table.name, columns, count + 1));
    const complete = fetched.length <= count;
    const rows = fetched.slice(0, count).map((row) => columns.map((_, i) => row[`c${i}`]));
    const found = discoverTableDependencies(
      { table: table.name, columns, rows, complete, tableRows: complete ? rows.length : (table.stats?.rows ?? null) },
      {
        ...(options.maxLhs !== undefined ? { maxLhs: options.maxLhs } : {}),
        ...(options.maxViolationRate !== undefined ? { maxViolationRate: options.maxViolationRate } : {}),
        ...(options.maxNodes !== undefined ? { maxNodes: options.maxNodes } : {}),
        ...(options.maxWork !== undefined ? { maxWork: options.maxWork } : {}),
      },
    );
    results.push(normalizeTable(schema, found));
  }
  return { results, markdown: renderNormalizationReport(schema, results) };
}
