import { z } from 'zod';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { ddlCheckSchema, designSchema } from '../../model/design.js';
import { decisionSummary, designArgs, resolveTargets, summarizeDecision } from '../designed.js';
import { specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';
import { ddlTargetNames } from '../../dialects/targets.js';

const EXTRAS = ['report', 'erd', 'files', 'design'] as const;

/** `dbarchitect design`, returning what it would write instead of writing it. */
export const designTool = defineTool({
  name: 'design',
  title: 'Design a database from a spec',
  description:
    'Design a database from a dbarchitect spec: technology choice with scores, tables, keys, indexes, partitioning, caching, scaling, capacity and security, every decision with its rationale and evidence tier. The DDL is parsed by the real PostgreSQL parser and, unless `engine` is false, executed on an embedded PostgreSQL (PGlite). Writes no files: the artifacts come back in the result.',
  input: {
    ...specFields,
    engine: z.boolean().optional().describe('run the DDL on an embedded PostgreSQL (PGlite, a few seconds); default true. False: only parse it.'),
    dialects: z
      .array(z.string())
      .optional()
      .describe(`other dialects to compile the finished schema to, each checked by its engine or parser (schema/<name>.sql): ${ddlTargetNames().join(', ')}`),
    include: z
      .array(z.enum(EXTRAS))
      .optional()
      .describe(
        'more to return: `report` (the Markdown report, README.md), `erd` (Mermaid ER diagram), `files` (every artifact with its content: DDL scripts, ADRs, ORM models), `design` (design.json, the whole design: large)',
      ),
  },
  output: {
    name: z.string(),
    technology: z.object({ choice: z.string().describe('catalog id of the primary store'), score: z.number(), runnerUp: z.string().optional() }),
    tables: z.array(
      z.object({
        name: z.string(),
        columns: z.number(),
        primaryKey: z.array(z.string()),
        indexes: z.array(z.string()),
        rows: z.number().optional().describe("the spec's volume"),
        partitionedBy: z.string().optional(),
      }),
    ),
    decisions: z.array(decisionSummary),
    ddl: z.array(ddlCheckSchema).describe('each DDL script and what checked it: parsed by, executed on, or why not checked'),
    sql: z.string().describe('the schema DDL (schema/<dialect>.sql)'),
    artifacts: z.array(z.string()).describe('the files `dbarchitect design` would write'),
    diagnostics: z.array(diagnosticOutput),
    report: z.string().optional(),
    erd: z.string().optional(),
    files: z.array(z.object({ path: z.string(), content: z.string() })).optional(),
    design: designSchema.optional(),
  },
  async run(args, context) {
    const targets = resolveTargets(args.dialects);
    if ('code' in targets) return failure([targets]);
    let engine: Awaited<ReturnType<typeof import('../../engines/pglite.js').startPglite>> | undefined;
    if (args.engine !== false) {
      context.progress('starting embedded PostgreSQL (PGlite) to run the DDL');
      engine = await (await import('../../engines/pglite.js')).startPglite();
    }
    try {
      context.progress('designing');
      const designed = await designArgs(args, { ...targets, ...(engine ? { engine } : {}) });
      if (!designed.ok) return failure(designed.diagnostics, designed.summary);
      const { design, artifacts, diagnostics } = designed;
      const main = design.ddl[0]!;
      const has = (extra: (typeof EXTRAS)[number]) => args.include?.includes(extra) === true;
      const content = (path: string) => artifacts.find((a) => a.path === path)?.content ?? '';
      const ranked = design.technology.ranking;
      const failedOnEngine = diagnostics.some((d) => d.code === 'design/ddl-failed');
      return {
        ok: true,
        summary: `${designed.file}: ${design.technology.choice}, ${design.schema.tables.length} tables, ${design.decisions.length} decisions; ${main.file}: ${main.statements} statements${main.executedOn ? `, executed on ${main.executedOn}` : ', parsed only'}${failedOnEngine ? ' (the DDL FAILED on the engine: see the diagnostics)' : ''}; ${summarizeDiagnostics(diagnostics)}`,
        result: {
          name: design.spec.name,
          technology: {
            choice: design.technology.choice,
            score: ranked.find((r) => r.id === design.technology.choice)?.score ?? 0,
            ...(ranked[1] ? { runnerUp: ranked.find((r) => r.id !== design.technology.choice)!.id } : {}),
          },
          tables: design.schema.tables.map((t) => ({
            name: t.name,
            columns: t.columns.length,
            primaryKey: [...t.primaryKey.columns],
            indexes: t.indexes.map((i) => i.name),
            ...(t.volume ? { rows: t.volume.rows } : {}),
            ...(t.partitioning ? { partitionedBy: t.partitioning.column } : {}),
          })),
          decisions: design.decisions.map(summarizeDecision),
          ddl: design.ddl,
          sql: content(main.file),
          artifacts: artifacts.map((a) => a.path),
          diagnostics: [...diagnostics],
          ...(has('report') ? { report: content('README.md') } : {}),
          ...(has('erd') ? { erd: content('erd.mmd') } : {}),
          ...(has('files') ? { files: artifacts.map((a) => ({ path: a.path, content: a.content })) } : {}),
          ...(has('design') ? { design } : {}),
        },
      };
    } finally {
      await engine?.close().catch(() => undefined);
    }
  },
});
