import { z } from 'zod';

const privilegeSchema = z.enum(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

/** design.json's `security`: roles and their grants, row-level security, personal data handling, erasure and retention. */
export const securitySchema = z.object({
  roles: z.array(z.object({ name: z.string(), login: z.boolean(), purpose: z.string(), privileges: z.string(), memberOf: z.array(z.string()) })),
  /** Table privileges per role; with `columns`, the privileges hold on those columns only. */
  grants: z.array(
    z.object({ role: z.string(), table: z.string(), privileges: z.array(privilegeSchema), columns: z.array(z.string()).optional(), why: z.string() }),
  ),
  /** What a role gets on tables the owner creates later (ALTER DEFAULT PRIVILEGES). */
  defaultGrants: z.array(z.object({ role: z.string(), owner: z.string(), privileges: z.array(privilegeSchema) })),
  /** Forced: the owner is subject to the policies too; only roles that bypass RLS (maintenance jobs) are not. */
  rowLevelSecurity: z.array(
    z.object({
      table: z.string(),
      policy: z.string(),
      column: z.string(),
      setting: z.string(),
      /** FORCE ROW LEVEL SECURITY: the owner is held to the policy too. Not for tables only triggers write (history), see design-security.ts. */
      force: z.boolean(),
    }),
  ),
  personalData: z.array(z.object({ table: z.string(), column: z.string(), handling: z.array(z.string()) })),
  erasure: z
    .object({
      subject: z.string(),
      steps: z.array(
        z.object({ table: z.string(), via: z.string(), action: z.enum(['anonymize', 'delete', 'keep']), columns: z.array(z.string()), why: z.string() }),
      ),
    })
    .optional(),
  retention: z.array(
    z.object({
      table: z.string(),
      days: z.number(),
      column: z.string(),
      method: z.enum(['drop-partitions', 'batched-delete']),
      /** The routine of the jobs script that expires the rows (batched delete only). */
      job: z.string().optional(),
      /** Rows one call deletes. */
      batchRows: z.number().optional(),
      /** The key or index each batch range-scans on the time column. */
      index: z.string().optional(),
      /** Restricting references: a row still referenced by one of them is kept until the child row is gone. */
      keptWhileReferencedBy: z.array(z.object({ table: z.string(), foreignKey: z.string() })),
    }),
  ),
  encryption: z.array(z.string()),
  audit: z.array(z.string()),
});

export type Security = z.infer<typeof securitySchema>;
export type SecurityGrant = Security['grants'][number];
export type Privilege = z.infer<typeof privilegeSchema>;
