import { z } from 'zod';

/** design.json's `security`: roles, row-level security, personal data handling, erasure and retention. */
export const securitySchema = z.object({
  roles: z.array(z.object({ name: z.string(), login: z.boolean(), purpose: z.string(), privileges: z.string(), memberOf: z.array(z.string()) })),
  rowLevelSecurity: z.array(z.object({ table: z.string(), policy: z.string(), column: z.string(), setting: z.string() })),
  personalData: z.array(z.object({ table: z.string(), column: z.string(), handling: z.array(z.string()) })),
  erasure: z
    .object({
      subject: z.string(),
      steps: z.array(z.object({ table: z.string(), via: z.string(), action: z.enum(['anonymize', 'delete', 'keep']), columns: z.array(z.string()), why: z.string() })),
    })
    .optional(),
  retention: z.array(z.object({ table: z.string(), days: z.number(), column: z.string(), method: z.enum(['drop-partitions', 'batched-delete']) })),
  encryption: z.array(z.string()),
  audit: z.array(z.string()),
});

export type Security = z.infer<typeof securitySchema>;
