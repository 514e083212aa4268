import { z } from 'zod';

/**
 * The spec's structure as written (SPEC.md, version 1): keys, nesting and the JSON types of values.
 * Shorthand strings (types, quantities, rates, durations) are checked afterwards by normalize-spec,
 * which knows their grammar and gives better messages than a regex here could.
 */
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const amount = z.union([z.string(), z.number()]);

export const fieldObjectSchema = z.strictObject({
  type: z.string(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  default: scalar.optional(),
  pii: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  on_delete: z.enum(['restrict', 'cascade', 'set_null']).optional(),
  /** Distinct values the column holds (a quantity), for row estimates where the type cannot tell. */
  distinct: amount.optional(),
  description: z.string().optional(),
});

export const entitySchema = z.strictObject({
  description: z.string().optional(),
  fields: z.record(z.string(), z.union([z.string(), fieldObjectSchema])),
  key: z.array(z.string()).min(1).optional(),
  unique: z.array(z.array(z.string()).min(1)).optional(),
  rows: amount.optional(),
  growth: z.string().optional(),
  retention: z.string().optional(),
  append_only: z.boolean().optional(),
  global: z.boolean().optional(),
});

export const requirementsSchema = z.strictObject({
  consistency: z.enum(['strong', 'causal', 'eventual']).optional(),
  availability: amount.optional(),
  deployment: z.enum(['single-region', 'multi-region']).optional(),
  tenancy: z.enum(['none', 'shared-schema', 'schema-per-tenant', 'database-per-tenant']).optional(),
  tenants: amount.optional(),
  compliance: z.array(z.enum(['gdpr', 'hipaa', 'pci-dss', 'soc2'])).optional(),
  cloud: z.enum(['aws', 'gcp', 'azure', 'any', 'on-prem']).optional(),
  managed: z.enum(['preferred', 'required', 'avoid', 'any']).optional(),
  team: z.enum(['small', 'medium', 'large']).optional(),
  budget: z.enum(['low', 'medium', 'high']).optional(),
  horizon: z.string().optional(),
  rpo: z.string().optional(),
  rto: z.string().optional(),
});

export const conventionsSchema = z.strictObject({
  ids: z.enum(['bigint', 'uuid', 'int']).optional(),
  timestamps: z.boolean().optional(),
});

export const accessPatternSchema = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  sql: z.string(),
  rate: amount,
  p99: z.string().optional(),
  staleness: z.string().optional(),
  /** The typical span a range bounded by parameters covers (`1h`): how many rows a call reads. */
  window: z.string().optional(),
});

export const rawSpecSchema = z.strictObject({
  version: z.literal(1),
  name: z.string(),
  description: z.string().optional(),
  requirements: requirementsSchema.optional(),
  conventions: conventionsSchema.optional(),
  entities: z.record(z.string(), entitySchema),
  access_patterns: z.array(accessPatternSchema).optional(),
});

export type RawSpec = z.infer<typeof rawSpecSchema>;
export type RawEntity = z.infer<typeof entitySchema>;
export type RawField = z.infer<typeof fieldObjectSchema>;

/** The keys allowed at a place in the document, for "did you mean" on an unknown key. */
export function allowedKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const [first, , third, , fifth] = path;
  if (path.length === 0) return Object.keys(rawSpecSchema.shape);
  if (first === 'requirements' && path.length === 1) return Object.keys(requirementsSchema.shape);
  if (first === 'conventions' && path.length === 1) return Object.keys(conventionsSchema.shape);
  if (first === 'access_patterns' && path.length === 2) return Object.keys(accessPatternSchema.shape);
  if (first === 'entities' && path.length === 2) return Object.keys(entitySchema.shape);
  if (first === 'entities' && third === 'fields' && path.length === 4 && fifth === undefined) return Object.keys(fieldObjectSchema.shape);
  return [];
}
