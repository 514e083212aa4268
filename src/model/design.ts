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

export const diagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  fix: z.string().optional(),
  location: z.object({ file: z.string(), line: z.number(), column: z.number(), path: z.string().optional() }).optional(),
});

/** What the DDL was checked with: the real parser always, a real engine unless turned off. */
export const ddlCheckSchema = z.object({
  dialect: z.string(),
  file: z.string(),
  statements: z.number(),
  parsedBy: z.string(),
  executedOn: z.string().optional(),
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
  diagnostics: z.array(diagnosticSchema),
});

export type Design = z.infer<typeof designSchema>;
export type DdlCheck = z.infer<typeof ddlCheckSchema>;
