import { z } from 'zod';
import { advise, type AdviseOptions } from '../../api/advise.js';
import { adviceJson } from '../../existing/advise/report.js';
import { parseBytes } from '../../spec/quantities.js';
import { databaseFields, isDiagnostic, resolveDatabase, specFields, withSpecFile, withTextFile, readFailure } from '../inputs.js';
import { defineTool, failure, inputProblem } from '../tool.js';

/** `dbarchitect advise`: the best indexes for a workload within a budget, read-only. */
export const adviseIndexesTool = defineTool({
  name: 'advise_indexes',
  title: 'Advise indexes for a workload',
  description:
    "Index advice for a workload on a PostgreSQL database (postgres:// URL, read only: hypothetical indexes with hypopg, nothing built), a SQL schema file, or a spec as designed (embedded PostgreSQL, seeded; candidates built inside a transaction that is rolled back). The workload is the queries given in `queries`, the server's pg_stat_statements, or the spec's access patterns. Returns the recommendations (each with its CREATE INDEX CONCURRENTLY statement, size, write cost and the queries it helps), indexes worth dropping, and the workload's cost before and after. Never creates an index on a server.",
  input: {
    ...databaseFields('The database to advise on'),
    ...specFields,
    queries: z
      .string()
      .optional()
      .describe(
        "The workload as SQL text: one query per statement, each optionally preceded by a `-- rate: 40/s` comment. Omitted: the spec's access patterns, or pg_stat_statements with `statStatements`.",
      ),
    statStatements: z.boolean().optional().describe("Read the workload from the server's pg_stat_statements (a postgres:// database only)."),
    budget: z.string().optional().describe('Storage the new indexes may take together, e.g. 2GB or 500MB (default: no limit).'),
    maxIndexes: z.number().int().min(0).optional().describe('At most this many recommendations (default: no limit).'),
  },
  output: {
    target: z.string(),
    engine: z.string(),
    data: z.string().describe('the rows the costs rest on: the live database, or the seeded copy'),
    method: z.string().describe('hypopg (nothing built) or rolled-back-builds'),
    search: z.string(),
    workload: z.object({ source: z.string(), weightUnit: z.string(), queries: z.number() }).passthrough(),
    recommendations: z.array(z.object({ name: z.string(), table: z.string(), sql: z.string(), bytes: z.number() }).passthrough()),
    drops: z.array(z.record(z.string(), z.unknown())),
    queries: z.array(z.record(z.string(), z.unknown())).describe('every query with its cost before and after'),
    cost: z.object({ before: z.number(), after: z.number() }).passthrough(),
    unplanned: z.array(z.record(z.string(), z.unknown())),
    candidates: z.number(),
    whatIfCalls: z.number(),
    proven: z.boolean().optional(),
  },
  async run(args, context) {
    const database = resolveDatabase(args, context);
    if (isDiagnostic(database)) return failure([database]);
    const hasSpec = args.spec !== undefined || args.path !== undefined;
    if ((database === undefined) === !hasSpec)
      return failure([
        inputProblem('input/one-target', 'give one thing to advise on', 'a postgres:// URL or .sql file in `db` (or `dbEnv`), or a spec in `spec` or `path`'),
      ]);
    if (args.queries !== undefined && args.statStatements)
      return failure([inputProblem('input/two-workloads', 'both `queries` and `statStatements` were given', 'give one workload')]);
    const budgetBytes = args.budget !== undefined ? parseBytes(args.budget) : undefined;
    if (args.budget !== undefined && budgetBytes === undefined)
      return failure([
        inputProblem('input/budget', `\`budget\` must be a size such as 2GB or 500MB, not \`${args.budget}\``, 'write it as a number with B, KB, MB, GB or TB'),
      ]);
    const options = (workloadPath?: string): AdviseOptions => ({
      ...(workloadPath !== undefined ? { workload: { kind: 'file', path: workloadPath } } : {}),
      ...(args.statStatements ? { workload: { kind: 'stat-statements' } } : {}),
      ...(budgetBytes !== undefined ? { budgetBytes } : {}),
      ...(args.maxIndexes !== undefined ? { maxIndexes: args.maxIndexes } : {}),
      onProgress: (line) => context.progress(line),
    });
    const run = (target: string) =>
      args.queries !== undefined ? withTextFile('queries.sql', args.queries, context, (file) => advise(target, options(file))) : advise(target, options());
    const outcome = database !== undefined ? await run(database) : await withSpecFile(args, context, run);
    if (isDiagnostic(outcome)) return failure([outcome]);
    if (!outcome.ok) return failure(outcome.diagnostics.length ? outcome.diagnostics : [readFailure(outcome)], outcome.message);
    // adviceJson is the CLI's --format json: the same object, typed here by the output schema.
    const json = adviceJson(outcome.advice, outcome.workload, { target: outcome.target, engine: outcome.engine, data: outcome.data }) as never as {
      recommendations: unknown[];
      drops: unknown[];
      cost: { before: number; after: number };
    };
    return {
      ok: true,
      summary: `${json.recommendations.length} indexes to create, ${json.drops.length} to drop; workload cost ${Math.round(json.cost.before)} → ${Math.round(json.cost.after)} (planner units)`,
      result: json as never,
    };
  },
});
