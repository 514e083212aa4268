import { z } from 'zod';

/** The availability part of design.json: targets, the standby, the topology, backups and alerts. */
export const availabilitySchema = z.object({
  availability: z.number(),
  downtimeMinutesPerMonth: z.number(),
  rpoSeconds: z.number(),
  rtoSeconds: z.number(),
  /** Whether RPO and RTO were stated by the spec or derived from the availability. */
  targetsBasis: z.enum(['spec', 'derived']),
  /** The standby the targets need: the one value the consistency record and the alerts read. */
  standby: z.enum(['synchronous', 'asynchronous', 'none']),
  topology: z.array(z.string()),
  backups: z.array(z.string()),
  alerts: z.array(z.object({ name: z.string(), threshold: z.string(), why: z.string(), query: z.string().optional() })),
});
export type Availability = z.infer<typeof availabilitySchema>;
