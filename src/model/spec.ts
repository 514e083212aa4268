import { z } from 'zod';
import { fieldTypeSchema } from './field-type.js';

/** The spec after loading: shorthand expanded, defaults applied, every amount in base units. */
const rateSchema = z.object({ text: z.string(), perSecond: z.number() });
const durationSchema = z.object({ text: z.string(), seconds: z.number() });

export const fieldSpecSchema = z.object({
  name: z.string(),
  type: fieldTypeSchema,
  required: z.boolean(),
  unique: z.boolean(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  pii: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
  onDelete: z.enum(['restrict', 'cascade', 'set-null']),
  /** Distinct values, as stated: the row estimates' basis for equality on this column. */
  distinct: z.number().optional(),
  description: z.string().optional(),
});

export const entitySpecSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  fields: z.array(fieldSpecSchema),
  key: z.array(z.string()).optional(),
  unique: z.array(z.array(z.string())),
  rows: z.number().optional(),
  growth: rateSchema.optional(),
  retention: durationSchema.optional(),
  appendOnly: z.boolean(),
  global: z.boolean(),
});

export const requirementsSpecSchema = z.object({
  consistency: z.enum(['strong', 'causal', 'eventual']),
  availability: z.number(),
  deployment: z.enum(['single-region', 'multi-region']),
  tenancy: z.enum(['none', 'shared-schema', 'schema-per-tenant', 'database-per-tenant']),
  tenants: z.number().optional(),
  compliance: z.array(z.enum(['gdpr', 'hipaa', 'pci-dss', 'soc2'])),
  cloud: z.enum(['aws', 'gcp', 'azure', 'any', 'on-prem']),
  managed: z.enum(['preferred', 'required', 'avoid', 'any']),
  team: z.enum(['small', 'medium', 'large']),
  budget: z.enum(['low', 'medium', 'high']),
  horizon: durationSchema,
  rpo: durationSchema.optional(),
  rto: durationSchema.optional(),
  /** Requirement keys the spec left out, whose defaults the design assumed. */
  assumed: z.array(z.string()),
});

export const accessPatternSpecSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  sql: z.string(),
  rate: rateSchema,
  p99: durationSchema.optional(),
  staleness: durationSchema.optional(),
  /** Typical span of a range bounded by parameters. */
  window: durationSchema.optional(),
});

export const specSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  description: z.string().optional(),
  requirements: requirementsSpecSchema,
  conventions: z.object({ ids: z.enum(['bigint', 'uuid', 'int']), timestamps: z.boolean() }),
  entities: z.array(entitySpecSchema),
  accessPatterns: z.array(accessPatternSpecSchema),
});

export type Spec = z.infer<typeof specSchema>;
export type EntitySpec = z.infer<typeof entitySpecSchema>;
export type FieldSpec = z.infer<typeof fieldSpecSchema>;
export type AccessPatternSpec = z.infer<typeof accessPatternSpecSchema>;
export type Requirements = z.infer<typeof requirementsSpecSchema>;
