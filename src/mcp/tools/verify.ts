import { z } from 'zod';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { formatCount } from '../../format.js';
import { verifyReportSchema } from '../../model/parts/verify-report.js';
import type { VerifyProgress } from '../../verify/run-verify.js';
import { loadSpecArgs, specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';

/** `dbarchitect verify` on an embedded PostgreSQL: never on a server, so it changes no database. */
export const verifyTool = defineTool({
  name: 'verify',
  title: 'Verify a design on an engine',
  description:
    "Design the spec, then prove it on an embedded PostgreSQL (PGlite): apply the DDL, seed synthetic data at scale (the spec's ratios), EXPLAIN ANALYZE every access pattern with and without the derived indexes, and compare the capacity model with the engine's own sizes. Returns each pattern's plan, median time, speedup and p99 verdict, which index each used, and the findings (seq scans, unused indexes, missed targets). Takes tens of seconds; sends progress.",
  input: {
    ...specFields,
    rows: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("rows in the largest table (default 200000; 5000–20000 is quicker); other tables keep the spec's ratios"),
    seed: z.number().int().positive().optional().describe('seed of the synthetic data: the same seed gives the same data (default 1)'),
    runs: z.number().int().positive().optional().describe('EXPLAIN ANALYZE runs per parameter set (default 3)'),
    sweep: z
      .boolean()
      .optional()
      .describe("also measure at three scales, fit each pattern's growth and extrapolate to the spec's volume at its horizon (slower)"),
    includeReport: z.boolean().optional().describe('also return the Markdown report with its Verification section (README.md)'),
  },
  output: {
    verification: verifyReportSchema.describe(
      'verify.json: the engine, the seeded rows, every pattern measured with and without the indexes, index use, findings, sizes',
    ),
    diagnostics: z.array(diagnosticOutput).describe("the design's warnings and verify's findings: the list design.json holds"),
    report: z.string().optional(),
  },
  async run(args, context) {
    const loaded = await loadSpecArgs(args);
    if (!loaded.loaded) return failure(loaded.diagnostics, `${loaded.file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing verified`);
    context.progress('starting embedded PostgreSQL (PGlite)');
    const { startPglite } = await import('../../engines/pglite.js');
    const engine = await startPglite();
    try {
      const { verifySpec } = await import('../../api/verify.js');
      const result = await verifySpec(loaded.loaded, loaded.diagnostics, engine, {
        ...(args.rows !== undefined ? { largestRows: args.rows } : {}),
        seed: args.seed ?? 1,
        runs: args.runs ?? 3,
        sweep: args.sweep === true,
        onProgress: (event) => context.progress(progressText(event)),
      });
      if (!result.ok) return failure(result.diagnostics, `${loaded.file}: ${summarizeDiagnostics(result.diagnostics)}; nothing verified`);
      const { report } = result;
      const slow = report.patterns.filter((p) => p.exceedsP99).map((p) => p.name);
      return {
        ok: true,
        summary: `${loaded.file}: verified on ${report.engine} at ${formatCount(report.seed.totalRows)} seeded rows: ${report.patterns.length} patterns measured${slow.length ? `, over their p99: ${slow.join(', ')}` : ', each within its p99'}; ${summarizeDiagnostics(result.diagnostics)}`,
        result: {
          verification: report,
          diagnostics: [...result.diagnostics],
          ...(args.includeReport ? { report: result.artifacts.find((a) => a.path === 'README.md')?.content ?? '' } : {}),
        },
      };
    } finally {
      await engine.close().catch(() => undefined);
    }
  },
});

/** One progress line per step, as the CLI prints them. */
function progressText(event: VerifyProgress): string {
  switch (event.phase) {
    case 'ddl':
      return 'applying the DDL without secondary indexes';
    case 'seed':
      return `seeded ${event.index}/${event.total} ${event.table}: ${formatCount(event.rows)} rows`;
    case 'analyze':
      return event.statement;
    case 'indexes':
      return `creating ${event.count} indexes`;
    case 'explain':
      return `${event.withIndexes ? 'with' : 'without'} indexes ${event.index}/${event.total}: ${event.pattern}`;
  }
}
