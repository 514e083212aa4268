import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../diagnostics/line-index.js';
import type { Dialect } from '../dialects/dialect.js';
import { defaultDialect } from '../dialects/registry.js';
import type { Engine } from '../engines/engine.js';
import type { Schema } from '../model/schema.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { bindNamedParams, byteToCharOffsets } from '../sql/named-params.js';
import { parsePg } from '../sql/pg-parser.js';
import { extractQueryShape, type QueryShape } from '../sql/query-shape.js';
import { resolveNames, schemaNames } from '../sql/resolve-names.js';
import { measurePattern, type Measurement } from '../verify/measure-pattern.js';
import { parameterTargets } from '../verify/parameter-targets.js';
import { sampleParameters } from '../verify/sample-parameters.js';
import { designFromSpec } from './design.js';

export interface ExplainQueryOptions {
  /** What the query's diagnostics name as its file (default `query.sql`). */
  readonly queryFile?: string;
  /** Rows in the largest table of the seeded copy (default 10,000); other tables keep the spec's ratios. */
  readonly largestRows?: number;
  readonly seed?: number;
  /** EXPLAIN ANALYZE runs per parameter set (default 3). */
  readonly runs?: number;
  readonly dialect?: Dialect;
  /** A started, empty engine to run on; the caller owns it. Omitted: an embedded PostgreSQL (PGlite) started and closed here. */
  readonly engine?: Engine;
  readonly onProgress?: (step: string) => void;
}

/** One run of the query: the plan's facts and the engine's times over the parameter sets. */
export interface QueryRun {
  readonly nodeTypes: readonly string[];
  readonly indexesUsed: readonly string[];
  readonly seqScans: readonly string[];
  readonly totalCost: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly samples: number;
}

export interface QueryExplanation {
  readonly engine: string;
  /** The statement as the engine ran it, `:name` parameters numbered `$1`, `$2`, …. */
  readonly sql: string;
  readonly kind: QueryShape['kind'];
  readonly tables: readonly string[];
  /** The parameter names in number order, and the value sets drawn from the seeded rows. */
  readonly params: readonly string[];
  readonly parameterSets: readonly (readonly unknown[])[];
  readonly seededRows: number;
  /** With the design's indexes, and with only its keys: what the indexes buy this query. */
  readonly withIndexes: QueryRun;
  readonly withoutIndexes: QueryRun;
  /** The design's secondary indexes on the tables the query reads or writes. */
  readonly candidateIndexes: readonly { readonly name: string; readonly table: string; readonly reason: string }[];
  /** What the engine's EXPLAIN ANALYZE returned for the first parameter set with the indexes: its own plan, as its rows. */
  readonly plan: readonly Record<string, unknown>[];
}

export type ExplainQueryResult =
  | { readonly ok: true; readonly explanation: QueryExplanation; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Runs one query against the spec's design on a seeded copy: the schema as `design` builds it,
 * synthetic rows as `verify` seeds them, the query under EXPLAIN ANALYZE without and then with the
 * design's indexes. A query that does not parse or names what the design lacks is a diagnostic at
 * its place in the query; writes run in a transaction that is rolled back.
 */
export async function explainQuery(
  loaded: LoadedSpec,
  loadDiagnostics: readonly Diagnostic[],
  query: string,
  options: ExplainQueryOptions = {},
): Promise<ExplainQueryResult> {
  const dialect = options.dialect ?? defaultDialect();
  const designed = await designFromSpec(loaded, loadDiagnostics, { dialect });
  if (!designed.ok) return designed;
  const { schema } = designed.design;
  const checked = checkQuery(query, options.queryFile ?? 'query.sql', schema);
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics };
  const progress = options.onProgress ?? (() => undefined);

  const columns = new Map(schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  const shape = extractQueryShape(checked.statement, (table) => columns.get(table));
  const writes = shape.kind !== 'select';
  const runs = options.runs ?? 3;
  const bare: Schema = { ...schema, tables: schema.tables.map((t) => ({ ...t, indexes: [] })) };

  if (!options.engine) progress('starting embedded PostgreSQL (PGlite)');
  const engine = options.engine ?? (await (await import('../engines/pglite.js')).startPglite());
  try {
    progress('applying the DDL without secondary indexes');
    await engine.exec(dialect.emitDdl(bare, { comments: false }));
    const seeded = await dialect.seed(engine, bare, {
      seed: options.seed ?? 1,
      largestRows: options.largestRows ?? 10_000,
      onProgress: (p) => progress(`seeded ${p.index}/${p.total} ${p.table}: ${p.rows} rows`),
    });
    await engine.exec(dialect.catalog.settleStatement);
    const targets = parameterTargets(shape, checked.statement, checked.params.length, schema);
    const sets = await sampleParameters(engine, schema, shape, targets, 3, dialect.sampling);
    progress('explaining the query without the secondary indexes');
    const without = await measurePattern(engine, dialect, checked.sql, sets, runs, writes);
    const count = schema.tables.reduce((n, t) => n + t.indexes.length, 0);
    progress(`creating ${count} indexes`);
    if (count) await engine.exec(dialect.emitIndexes(schema));
    await engine.exec(dialect.catalog.analyzeStatement);
    progress('explaining the query with the indexes');
    const withIndexes = await measurePattern(engine, dialect, checked.sql, sets, runs, writes);
    const plan = await rawPlan(engine, dialect, checked.sql, sets[0] ?? [], writes);
    const touched = new Set([...shape.tables.map((t) => t.table), ...('writesTable' in shape ? [shape.writesTable] : [])]);
    return {
      ok: true,
      diagnostics: designed.diagnostics,
      explanation: {
        engine: await engine.version(),
        sql: checked.sql,
        kind: shape.kind,
        tables: [...touched].sort(),
        params: checked.params,
        parameterSets: sets,
        seededRows: seeded.totalRows,
        withIndexes: runOf(withIndexes),
        withoutIndexes: runOf(without),
        candidateIndexes: schema.tables
          .filter((t) => touched.has(t.name))
          .flatMap((t) => t.indexes.map((i) => ({ name: i.name, table: t.name, reason: i.reason }))),
        plan,
      },
    };
  } finally {
    if (!options.engine) await engine.close().catch(() => undefined);
  }
}

type CheckedQuery =
  | { readonly ok: true; readonly sql: string; readonly params: readonly string[]; readonly statement: Parameters<typeof resolveNames>[0] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The query as an access pattern is checked (spec/check-patterns.ts), with positions in the query's own text. */
function checkQuery(text: string, file: string, schema: Schema): CheckedQuery {
  const lines = new LineIndex(text);
  const problem = (code: string, message: string, fix: string, offset = 0): Diagnostic => ({
    code,
    severity: 'error',
    message,
    fix,
    location: { file, ...lines.position(offset) },
  });
  if (text.trim() === '') return { ok: false, diagnostics: [problem('sql/empty', 'the query is empty', 'give one SELECT, INSERT, UPDATE or DELETE')] };
  const bound = bindNamedParams(text);
  const toChar = byteToCharOffsets(bound.sql);
  const parsed = parsePg(bound.sql);
  if (!parsed.ok)
    return {
      ok: false,
      diagnostics: [problem('sql/syntax', parsed.message, 'fix the SQL (PostgreSQL syntax, parameters as `:name`)', bound.originalOffset(parsed.offset))],
    };
  const statements = parsed.result.stmts ?? [];
  const statement = statements[0]?.stmt;
  if (statements.length !== 1 || !statement)
    return { ok: false, diagnostics: [problem('sql/statement-count', `give one statement; this has ${statements.length}`, 'explain one statement at a time')] };
  const kind = Object.keys(statement)[0] ?? '';
  if (!['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt'].includes(kind))
    return {
      ok: false,
      diagnostics: [problem('sql/not-dml', `a ${kind.replace(/Stmt$/, '')} statement is not a query or a write`, 'give a SELECT, INSERT, UPDATE or DELETE')],
    };
  const names = resolveNames(statement, schemaNames(schema));
  if (names.length) return { ok: false, diagnostics: names.map((p) => problem(p.code, p.message, p.fix, bound.originalOffset(toChar(p.location)))) };
  return { ok: true, sql: bound.sql, params: bound.params, statement };
}

const runOf = (m: Measurement): QueryRun => ({
  nodeTypes: [...m.plan.nodeTypes],
  indexesUsed: [...m.indexesUsed],
  seqScans: [...m.seqScans],
  totalCost: m.plan.totalCost,
  medianMs: m.medianMs,
  p90Ms: m.p90Ms,
  samples: m.samples,
});

/** The engine's plan itself, for a reader who wants more than the facts; a write is rolled back. */
async function rawPlan(engine: Engine, dialect: Dialect, sql: string, params: readonly unknown[], writes: boolean): Promise<Record<string, unknown>[]> {
  const statement = dialect.explainStatement(sql, true);
  if (writes) await engine.exec('BEGIN');
  try {
    return await engine.query(statement, params);
  } finally {
    if (writes) await engine.exec('ROLLBACK');
  }
}
