import { z } from 'zod';
import { logicalTypeSchema } from './logical-type.js';

/**
 * The one dialect-neutral model every reader produces and every writer and analysis consumes.
 * Defined as zod schemas so the JSON Schema of design.json is generated from the same source.
 */
export const columnDefaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('literal'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('random-uuid') }),
]);

export const columnSchema = z.object({
  name: z.string(),
  type: logicalTypeSchema,
  nullable: z.boolean(),
  default: columnDefaultSchema.optional(),
  /** Values come from the database: an identity sequence. */
  identity: z.enum(['always', 'by-default']).optional(),
  pii: z.boolean(),
  /** Distinct values the spec states for the column: the row estimates use it instead of a default. */
  distinct: z.number().optional(),
  comment: z.string().optional(),
  /** Where the column came from in the spec (`entities.order.fields.customer`), or why it exists. */
  origin: z.string(),
});

export const foreignKeySchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  refTable: z.string(),
  refColumns: z.array(z.string()),
  onDelete: z.enum(['restrict', 'cascade', 'set-null', 'no-action']),
  /** For set-null on a composite key: only these columns become NULL (the tenant stays). */
  setNullColumns: z.array(z.string()).optional(),
  /** Checked at commit, so rows that reference each other can be inserted in one transaction. */
  deferrable: z.boolean(),
});

export const checkSchema = z.object({
  name: z.string(),
  rule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('range'), column: z.string(), min: z.number().optional(), max: z.number().optional() }),
    z.object({ kind: z.literal('format'), column: z.string(), format: z.enum(['email', 'phone']) }),
  ]),
});

/** One key of an index: a column, or an expression over columns (PostgreSQL syntax, from a pattern). */
export const indexKeySchema = z.object({
  column: z.string().optional(),
  expression: z.string().optional(),
  order: z.enum(['asc', 'desc']).optional(),
  /** An operator class where the default does not serve the pattern, e.g. `jsonb_path_ops`. */
  opclass: z.string().optional(),
});

/** A partial index's condition, kept structured so each dialect renders it. */
export const indexConditionSchema = z.object({
  column: z.string(),
  op: z.enum(['eq', 'neq', 'in', 'not-in', 'is-null', 'is-not-null']),
  values: z.array(z.union([z.string(), z.number(), z.boolean()])),
});

export const indexSchema = z.object({
  name: z.string(),
  table: z.string(),
  keys: z.array(indexKeySchema),
  include: z.array(z.string()),
  /** Rows the index covers, all conditions ANDed; empty for a full index. */
  where: z.array(indexConditionSchema),
  method: z.enum(['btree', 'hash', 'gin', 'gist', 'brin']),
  unique: z.boolean(),
  /** Why it exists: `foreign-key …`, or the access patterns it serves. */
  reason: z.string(),
});

export const volumeSchema = z.object({
  rows: z.number(),
  growthPerMonth: z.number(),
  retentionSeconds: z.number().optional(),
  appendOnly: z.boolean(),
});

/** Range partitioning by time: partitions made at apply time around "now", older ones dropped by retention. */
export const partitioningSchema = z.object({
  method: z.literal('range'),
  column: z.string(),
  interval: z.enum(['day', 'week', 'month', 'year']),
  /** Partitions created for the past, counting the current one. */
  history: z.number().int(),
  /** Partitions created ahead of now. */
  premake: z.number().int(),
  retentionSeconds: z.number().optional(),
});

export const tableSchema = z.object({
  name: z.string(),
  kind: z.enum(['entity', 'relation']),
  columns: z.array(columnSchema),
  primaryKey: z.object({ name: z.string(), columns: z.array(z.string()) }),
  uniques: z.array(z.object({ name: z.string(), columns: z.array(z.string()) })),
  foreignKeys: z.array(foreignKeySchema),
  checks: z.array(checkSchema),
  indexes: z.array(indexSchema),
  comment: z.string().optional(),
  /** Rows belong to one tenant (shared-schema tenancy). */
  tenantScoped: z.boolean(),
  volume: volumeSchema.optional(),
  partitioning: partitioningSchema.optional(),
  origin: z.string(),
});

export const enumTypeSchema = z.object({ name: z.string(), values: z.array(z.string()) });

export const schemaSchema = z.object({
  tables: z.array(tableSchema),
  enums: z.array(enumTypeSchema),
});

export type Column = z.infer<typeof columnSchema>;
export type ColumnDefault = z.infer<typeof columnDefaultSchema>;
export type ForeignKey = z.infer<typeof foreignKeySchema>;
export type Check = z.infer<typeof checkSchema>;
export type Index = z.infer<typeof indexSchema>;
export type IndexKey = z.infer<typeof indexKeySchema>;
export type IndexCondition = z.infer<typeof indexConditionSchema>;
export type Table = z.infer<typeof tableSchema>;
export type Partitioning = z.infer<typeof partitioningSchema>;
export type EnumType = z.infer<typeof enumTypeSchema>;
export type Schema = z.infer<typeof schemaSchema>;

export const findTable = (schema: Schema, name: string): Table | undefined => schema.tables.find((t) => t.name === name);
export const findColumn = (table: Table, name: string): Column | undefined => table.columns.find((c) => c.name === name);

/** The leading plain columns of an index, up to its first expression: what an equality lookup can use. */
export function leadingColumns(index: Pick<Index, 'keys'>): string[] {
  const out: string[] = [];
  for (const key of index.keys) {
    if (key.column === undefined) break;
    out.push(key.column);
  }
  return out;
}
