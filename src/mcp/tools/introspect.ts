import { z } from 'zod';
import { introspect } from '../../api/introspect.js';
import { schemaSchema } from '../../model/schema.js';
import { writeSpec } from '../../writers/spec/index.js';
import { renderIntrospectionSummary } from '../../writers/introspection-summary.js';
import { databaseFields, isDiagnostic, readFailure, resolveDatabase } from '../inputs.js';
import { defineTool, failure, inputProblem } from '../tool.js';

/** `dbarchitect introspect`: an existing database read into the model, never written to. */
export const introspectTool = defineTool({
  name: 'introspect',
  title: 'Read an existing database',
  description:
    "Read an existing database into dbarchitect's model: a live PostgreSQL, MySQL or MariaDB server (a read-only session, every statement bounded) or a SQL file such as a pg_dump (loaded into embedded PostgreSQL; what it cannot run is read from the parse tree or listed). Returns tables with rows, sizes, keys, indexes and usage statistics, what the model keeps as native SQL, and optionally a spec YAML that `design` accepts. Never writes to a database.",
  input: {
    ...databaseFields('The database to read'),
    schemas: z.array(z.string()).optional().describe("only these database schemas (default: every schema that is not the system's)"),
    asSpec: z
      .boolean()
      .optional()
      .describe('also return the schema as a spec YAML (what `introspect -o spec.yaml` writes), with what the spec cannot say in its comments'),
    includeSchema: z.boolean().optional().describe('also return the whole model of the schema (every column, constraint and statistic)'),
  },
  output: {
    source: z.object({
      dialect: z.string(),
      kind: z.enum(['live', 'sql-file', 'spec']),
      location: z.string().describe('the URL without its password, or the file'),
      serverVersion: z.string(),
      namespaces: z.array(z.string()),
    }),
    statsSince: z.string().nullable().describe('since when the usage counters count (null: the database does not say)'),
    tables: z.array(
      z.object({
        name: z.string(),
        namespace: z.string().optional(),
        columns: z.number(),
        primaryKey: z.array(z.string()),
        foreignKeys: z.number(),
        indexes: z.array(z.string()),
        rows: z.number().nullable().optional().describe("the planner's estimate, where the database has one"),
        totalBytes: z.number().optional(),
      }),
    ),
    native: z.array(z.object({ kind: z.string(), name: z.string() })).describe('objects kept as their own SQL (views, functions, triggers, …)'),
    text: z.string().describe('the summary `dbarchitect introspect` prints'),
    specYaml: z.string().optional(),
    schema: schemaSchema.optional(),
  },
  async run(args, context) {
    const target = resolveDatabase(args, context);
    if (isDiagnostic(target)) return failure([target]);
    if (target === undefined)
      return failure([
        inputProblem(
          'input/no-db',
          'no database was given',
          'give a URL or a .sql file in `db`, or the name of an environment variable holding the URL in `dbEnv`',
        ),
      ]);
    context.progress('reading the database');
    const read = await introspect(target, args.schemas?.length ? { namespaces: args.schemas } : {});
    if (!read.ok) return failure([readFailure(read)], 'nothing read');
    const { introspection } = read;
    const { schema, source } = introspection;
    return {
      ok: true,
      summary: `read ${source.location} (${source.serverVersion}): ${schema.tables.length} tables, ${schema.native?.length ?? 0} native objects`,
      result: {
        source: { ...source, namespaces: [...source.namespaces] },
        statsSince: introspection.statsSince,
        tables: schema.tables.map((t) => ({
          name: t.name,
          ...(t.namespace ? { namespace: t.namespace } : {}),
          columns: t.columns.length,
          primaryKey: [...t.primaryKey.columns],
          foreignKeys: t.foreignKeys.length,
          indexes: t.indexes.map((i) => i.name),
          ...(t.stats ? { rows: t.stats.rows, totalBytes: t.stats.tableBytes + t.stats.indexBytes } : {}),
        })),
        native: (schema.native ?? []).map((n) => ({ kind: n.kind, name: n.name })),
        text: renderIntrospectionSummary(introspection),
        ...(args.asSpec ? { specYaml: writeSpec(introspection).text } : {}),
        ...(args.includeSchema ? { schema } : {}),
      },
    };
  },
});
