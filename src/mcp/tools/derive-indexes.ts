import { z } from 'zod';
import { defaultDialect } from '../../dialects/registry.js';
import { decisionSchema } from '../../model/decision.js';
import { indexSchema } from '../../model/schema.js';
import { designArgs } from '../designed.js';
import { specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';

/** The design's secondary indexes: what each access pattern needs, foreign keys, retention. */
export const deriveIndexesTool = defineTool({
  name: 'derive_indexes',
  title: 'Derive the indexes of a workload',
  description:
    "Derive the secondary indexes the spec's access patterns need, from their parsed SQL: key order equality → sort → range, INCLUDE columns for index-only scans, partial indexes for constant predicates, plus indexes for foreign keys and retention deletes; each weighed against the writes it costs, with its size. Returns the indexes, the decision behind each, and the CREATE INDEX statements. `verify` then measures whether the plans use them.",
  input: specFields,
  output: {
    indexes: z.array(indexSchema).describe('every secondary index of the designed schema'),
    decisions: z.array(decisionSchema).describe('one per index: rationale (the patterns served, the cost weighed), alternatives, evidence'),
    sql: z.string().describe('the CREATE INDEX statements'),
    diagnostics: z.array(diagnosticOutput),
  },
  async run(args, context) {
    context.progress('designing');
    const designed = await designArgs(args);
    if (!designed.ok) return failure(designed.diagnostics, designed.summary);
    const { schema, decisions } = designed.design;
    const indexes = schema.tables.flatMap((t) => t.indexes);
    const forPatterns = indexes.filter((i) => i.reason.startsWith('access pattern')).length;
    return {
      ok: true,
      summary: `${designed.file}: ${indexes.length} indexes on ${new Set(indexes.map((i) => i.table)).size} tables (${forPatterns} for access patterns, ${indexes.length - forPatterns} for foreign keys and retention)`,
      result: {
        indexes,
        decisions: decisions.filter((d) => d.area === 'indexes'),
        sql: defaultDialect().emitIndexes(schema),
        diagnostics: [...designed.diagnostics],
      },
    };
  },
});
