import { z } from 'zod';

export const SIMPLE_TYPES = ['text', 'int', 'bigint', 'money', 'float', 'bool', 'date', 'time', 'timestamp', 'json', 'uuid', 'email', 'phone'] as const;
export type SimpleTypeName = (typeof SIMPLE_TYPES)[number];
export const ALL_TYPE_NAMES = [...SIMPLE_TYPES, 'string', 'decimal', 'enum', 'ref', 'many'] as const;

/** A field's type as the spec writes it, before it becomes a column. */
export const fieldTypeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('string'), length: z.number().int() }),
  z.object({ kind: z.literal('decimal'), precision: z.number().int(), scale: z.number().int() }),
  z.object({ kind: z.literal('enum'), values: z.array(z.string()) }),
  z.object({ kind: z.literal('ref'), entity: z.string() }),
  z.object({ kind: z.literal('many'), entity: z.string() }),
  z.object({ kind: z.enum(SIMPLE_TYPES) }),
]);
export type FieldType = z.infer<typeof fieldTypeSchema>;
