import { z } from 'zod';

/** A column's type, free of any dialect: each dialect maps it in its own types.ts. */
export const logicalTypeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('string'), length: z.number().int() }),
  z.object({ kind: z.literal('text') }),
  /** Fixed-length text, blank-padded to `length` (SQL `char(n)`): read from existing databases; the spec never asks for it. */
  z.object({ kind: z.literal('char'), length: z.number().int() }),
  z.object({ kind: z.literal('int16') }),
  z.object({ kind: z.literal('int32') }),
  z.object({ kind: z.literal('int64') }),
  z.object({ kind: z.literal('decimal'), precision: z.number().int(), scale: z.number().int() }),
  z.object({ kind: z.literal('float') }),
  /**
   * A database's own money type (PostgreSQL and SQL Server `money`): a fixed fraction set by the
   * server's locale. Read from existing databases; the spec's `money` field is decimal(19,4), not this.
   */
  z.object({ kind: z.literal('money') }),
  z.object({ kind: z.literal('bool') }),
  z.object({ kind: z.literal('date') }),
  z.object({ kind: z.literal('time') }),
  z.object({ kind: z.literal('timestamp'), withTimeZone: z.boolean() }),
  z.object({ kind: z.literal('json') }),
  z.object({ kind: z.literal('uuid') }),
  z.object({ kind: z.literal('bytes') }),
  /** `name` refers to Schema.enums. */
  z.object({ kind: z.literal('enum'), name: z.string() }),
  /** What a database has that this model cannot say, kept verbatim rather than dropped. */
  z.object({ kind: z.literal('native'), dialect: z.string(), sql: z.string() }),
]);
export type LogicalType = z.infer<typeof logicalTypeSchema>;

/** Short dialect-neutral spelling, for diagrams and reports: `string(120)`, `decimal(19,4)`. */
export function describeType(type: LogicalType): string {
  switch (type.kind) {
    case 'string':
      return `string(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'timestamp':
      return type.withTimeZone ? 'timestamptz' : 'timestamp';
    case 'enum':
      return `enum ${type.name}`;
    case 'native':
      return type.sql;
    default:
      return type.kind;
  }
}
