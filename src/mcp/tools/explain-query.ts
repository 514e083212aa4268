import { z } from 'zod';
import { explainQuery } from '../../api/explain-query.js';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { formatCount } from '../../format.js';
import { loadSpecArgs, specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';

const run = z.object({
  nodeTypes: z.array(z.string()).describe('plan nodes, in plan order'),
  indexesUsed: z.array(z.string()),
  seqScans: z.array(z.string()).describe('tables read whole'),
  totalCost: z.number().describe("the planner's cost estimate"),
  medianMs: z.number().describe('median execution time over the parameter sets and runs'),
  p90Ms: z.number(),
  samples: z.number(),
});

/** One query on the spec's design, seeded, as verify measures an access pattern. */
export const explainQueryTool = defineTool({
  name: 'explain_query',
  title: 'Explain a query on the design',
  description:
    "Run one SQL statement against the spec's design on an embedded PostgreSQL seeded with synthetic data: EXPLAIN ANALYZE without the design's secondary indexes, then with them. Returns the plan nodes, the indexes used, tables scanned whole, cost and median time of each, the parameter values drawn from the seeded rows, and the engine's own plan. Parameters are written `:name`, as in the spec. A statement that does not parse or names a table or column the design lacks is a tool error at its line:column in the query.",
  input: {
    ...specFields,
    sql: z.string().describe('one SELECT, INSERT, UPDATE or DELETE over the designed tables, parameters as `:name` (diagnostics name it query.sql)'),
    rows: z.number().int().positive().optional().describe('rows in the largest table of the seeded copy (default 10000)'),
    seed: z.number().int().positive().optional().describe('seed of the synthetic data (default 1)'),
    runs: z.number().int().positive().optional().describe('EXPLAIN ANALYZE runs per parameter set (default 3)'),
  },
  output: {
    engine: z.string(),
    sql: z.string().describe('the statement as run, parameters numbered $1, $2, …'),
    kind: z.string(),
    tables: z.array(z.string()),
    params: z.array(z.string()).describe('parameter names in number order'),
    parameterSets: z.array(z.array(z.unknown())).describe('the values each run used, drawn from the seeded rows'),
    seededRows: z.number(),
    withIndexes: run,
    withoutIndexes: run,
    candidateIndexes: z
      .array(z.object({ name: z.string(), table: z.string(), reason: z.string() }))
      .describe("the design's indexes on the tables the query touches"),
    plan: z.array(z.record(z.string(), z.unknown())).describe("the engine's EXPLAIN (ANALYZE, FORMAT JSON) output with the indexes, first parameter set"),
    diagnostics: z.array(diagnosticOutput),
  },
  async run(args, context) {
    const loaded = await loadSpecArgs(args);
    if (!loaded.loaded) return failure(loaded.diagnostics, `${loaded.file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing run`);
    const result = await explainQuery(loaded.loaded, loaded.diagnostics, args.sql, {
      ...(args.rows !== undefined ? { largestRows: args.rows } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.runs !== undefined ? { runs: args.runs } : {}),
      onProgress: (step) => context.progress(step),
    });
    if (!result.ok) return failure(result.diagnostics, `query.sql: ${summarizeDiagnostics(result.diagnostics)}; nothing run`);
    const e = result.explanation;
    const via = (r: typeof e.withIndexes) =>
      r.indexesUsed.length ? r.indexesUsed.join(', ') : r.seqScans.length ? `seq scan of ${r.seqScans.join(', ')}` : r.nodeTypes.join(' → ');
    return {
      ok: true,
      summary: `on ${e.engine}, ${formatCount(e.seededRows)} seeded rows: ${e.withIndexes.medianMs} ms via ${via(e.withIndexes)}; without the indexes ${e.withoutIndexes.medianMs} ms via ${via(e.withoutIndexes)}`,
      result: { ...e, diagnostics: [...result.diagnostics] },
    };
  },
});
