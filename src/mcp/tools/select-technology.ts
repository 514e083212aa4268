import { z } from 'zod';
import { decisionSchema } from '../../model/decision.js';
import { technologySchema } from '../../model/parts/technology.js';
import { designArgs } from '../designed.js';
import { specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';

/** The design's technology part: every engine of the catalog scored against the spec. */
export const selectTechnologyTool = defineTool({
  name: 'select_technology',
  title: 'Choose the database technology',
  description:
    "Score every engine of dbarchitect's catalog (relational, document, key-value, wide-column, time-series, analytical, NewSQL) against the spec's requirements and workload: weighted criteria with reasons, disqualifiers (such as a write rate one node cannot take), the CAP/PACELC trade-off, and any polyglot parts. The same analysis `design` runs, without an engine.",
  input: {
    ...specFields,
    top: z.number().int().positive().optional().describe('how many engines of the ranking to return, best first (default 10)'),
  },
  output: {
    technology: technologySchema.describe('the choice, the ranking (cut to `top`), the weights and the trade-off'),
    engines: z.number().describe('engines scored in all'),
    decisions: z.array(decisionSchema).describe('the technology decisions with rationale, alternatives and evidence'),
    diagnostics: z.array(diagnosticOutput),
  },
  async run(args, context) {
    context.progress('designing');
    const designed = await designArgs(args);
    if (!designed.ok) return failure(designed.diagnostics, designed.summary);
    const { technology, decisions } = designed.design;
    const top = args.top ?? 10;
    const best = technology.ranking[0];
    const second = technology.ranking[1];
    return {
      ok: true,
      summary: `${designed.file}: ${technology.choice}${best ? ` (${best.score})` : ''}${second ? `, then ${second.id} (${second.score})` : ''}, of ${technology.ranking.length} engines scored; ${technology.tradeoff.cap}`,
      result: {
        technology: { ...technology, ranking: technology.ranking.slice(0, top) },
        engines: technology.ranking.length,
        decisions: decisions.filter((d) => d.area === 'technology'),
        diagnostics: [...designed.diagnostics],
      },
    };
  },
});
