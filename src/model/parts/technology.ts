import { z } from 'zod';

/** design.json's `technology`: the choice, every engine's score and the trade-off (decisions carry the prose). */
export const technologySchema = z.object({
  /** Catalog id of the primary store, lower case: `postgresql`, `clickhouse`, … */
  choice: z.string(),
  ranking: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      family: z.string(),
      score: z.number(),
      criteria: z.array(z.object({ name: z.string(), score: z.number(), weight: z.number(), why: z.string() })),
      disqualifiers: z.array(z.string()),
    }),
  ),
  weights: z.array(z.object({ name: z.string(), weight: z.number(), why: z.string() })),
  tradeoff: z.object({ cap: z.string(), pacelc: z.string(), explanation: z.string() }),
  polyglot: z.array(z.object({ role: z.string(), engine: z.string(), why: z.string(), sync: z.string(), cost: z.string() })),
});

export type TechnologySummary = z.infer<typeof technologySchema>;
