import { z } from 'zod';

/**
 * How far a claim is proven: `executed` (a real engine ran it), `parsed` (the engine's own parser
 * accepted it), `derived` (computed by a named rule), `assumed` (a default the user did not state).
 */
export const evidenceTierSchema = z.enum(['executed', 'parsed', 'derived', 'assumed']);
export type EvidenceTier = z.infer<typeof evidenceTierSchema>;

export const evidenceSchema = z.object({
  tier: evidenceTierSchema,
  /** The rule, formula or engine behind the claim: `rule:fk-index`, `engine:pglite 0.5 (PostgreSQL 18.6)`. */
  source: z.string(),
  detail: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const decisionSchema = z.object({
  /** Stable: `keys/order`, `indexes/order_line_tenant_id_product_id_idx`. */
  id: z.string(),
  area: z.enum([
    'technology',
    'keys',
    'tenancy',
    'types',
    'constraints',
    'indexes',
    'normalization',
    'denormalization',
    'modeling',
    'partitioning',
    'scaling',
    'caching',
    'capacity',
    'security',
    'availability',
  ]),
  title: z.string(),
  choice: z.string(),
  rationale: z.array(z.string()),
  alternatives: z.array(z.object({ option: z.string(), rejectedBecause: z.string() })),
  evidence: z.array(evidenceSchema),
  /** The access patterns this decision serves or is judged by. */
  patterns: z.array(z.string()),
});
export type Decision = z.infer<typeof decisionSchema>;

/** The weakest tier among a decision's evidence: what the decision as a whole may claim. */
export function decisionTier(decision: Decision): EvidenceTier {
  const order: EvidenceTier[] = ['assumed', 'derived', 'parsed', 'executed'];
  if (decision.evidence.length === 0) return 'assumed';
  return decision.evidence.reduce<EvidenceTier>((low, e) => (order.indexOf(e.tier) < order.indexOf(low) ? e.tier : low), 'executed');
}
