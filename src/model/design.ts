import { z } from 'zod';
import { specSchema } from './spec.js';
import { decisionSchema } from './decision.js';
import { schemaSchema } from './schema.js';
import { cachingSchema } from './parts/caching.js';
import { scalingSchema } from './parts/scaling.js';
import { capacitySchema } from './parts/capacity.js';
import { technologySchema } from './parts/technology.js';
import { securitySchema } from './parts/security.js';
import { availabilitySchema } from './parts/availability.js';
import { loadSchema } from './parts/load.js';
import { nosqlSchema } from './parts/nosql.js';

export const diagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  fix: z.string().optional(),
  location: z.object({ file: z.string(), line: z.number(), column: z.number(), path: z.string().optional() }).optional(),
});

/** Something a target dialect cannot express, and what its DDL does instead (dialects/ddl-target.ts). */
export const ddlSubstitutionSchema = z.object({ feature: z.string(), object: z.string(), alternative: z.string() });

/**
 * What a DDL script was checked with: the real parser (PostgreSQL's always; another dialect's where
 * one is installed), a real engine unless turned off or not at hand. A script no parser or engine
 * could check says why in `notChecked`.
 */
export const ddlCheckSchema = z.object({
  dialect: z.string(),
  file: z.string(),
  statements: z.number(),
  parsedBy: z.string().optional(),
  executedOn: z.string().optional(),
  /** Why neither a parser nor an engine checked the script, and how to get one. */
  notChecked: z.string().optional(),
  /** What the dialect cannot express and the alternative its script uses (targets other than the design's own dialect). */
  substitutions: z.array(ddlSubstitutionSchema).optional(),
});

/** design.json: the whole design. Its JSON Schema (docs/design.schema.json) is generated from this. */
export const designSchema = z.object({
  tool: z.object({ name: z.literal('dbarchitect'), version: z.string() }),
  spec: specSchema,
  technology: technologySchema,
  schema: schemaSchema,
  decisions: z.array(decisionSchema),
  /** What each pattern and table costs: the one load every sizing reads. */
  load: loadSchema,
  caching: cachingSchema,
  scaling: scalingSchema,
  capacity: capacitySchema,
  security: securitySchema,
  availability: availabilitySchema,
  ddl: z.array(ddlCheckSchema),
  /** DynamoDB, MongoDB and Cassandra designs, when the chosen engine is of their family or `--target` asks. */
  nosql: nosqlSchema.optional(),
  diagnostics: z.array(diagnosticSchema),
});

export type Design = z.infer<typeof designSchema>;
export type DdlCheck = z.infer<typeof ddlCheckSchema>;
