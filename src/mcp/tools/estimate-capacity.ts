import { z } from 'zod';
import { formatBytes } from '../../format.js';
import { decisionSchema } from '../../model/decision.js';
import { capacitySchema } from '../../model/parts/capacity.js';
import { designArgs } from '../designed.js';
import { specFields } from '../inputs.js';
import { defineTool, diagnosticOutput, failure } from '../tool.js';

/** The design's capacity part: sizes month by month, WAL, IOPS and memory. */
export const estimateCapacityTool = defineTool({
  name: 'estimate_capacity',
  title: 'Estimate storage and load capacity',
  description:
    "Size the designed schema from the spec's volumes and growth: each table's and index's bytes (PostgreSQL's page layout, B-tree deduplication) month by month to the horizon, WAL per second and per day, page writes and IOPS, the hot set and the memory it needs, with the assumptions made. The same model `verify` checks against an engine's own sizes.",
  input: specFields,
  output: {
    capacity: capacitySchema,
    decisions: z.array(decisionSchema).describe('the capacity decisions with rationale and evidence'),
    diagnostics: z.array(diagnosticOutput),
  },
  async run(args, context) {
    context.progress('designing');
    const designed = await designArgs(args);
    if (!designed.ok) return failure(designed.diagnostics, designed.summary);
    const { capacity, decisions } = designed.design;
    return {
      ok: true,
      summary: `${designed.file}: ${formatBytes(capacity.atHorizon.totalBytes)} at the ${capacity.horizon.text} horizon (${formatBytes(capacity.months[0]?.totalBytes ?? 0)} at the spec's volume), WAL ${formatBytes(capacity.wal.bytesPerDay)}/day`,
      result: { capacity, decisions: decisions.filter((d) => d.area === 'capacity'), diagnostics: [...designed.diagnostics] },
    };
  },
});
