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
  /** The next value of a named sequence, as `serial` columns have (read from existing databases). */
  z.object({ kind: z.literal('sequence'), sequence: z.string() }),
  /** Any other default, kept as the database's own SQL text (read from existing databases). */
  z.object({ kind: z.literal('expression'), sql: z.string() }),
]);

/** Where an existing column's values come from when a sequence gives them: its last value, for overflow checks. */
export const columnSequenceSchema = z.object({
  name: z.string(),
  /** The last value handed out; null when the sequence was never used. */
  lastValue: z.number().nullable(),
  /** The sequence's own maximum (it may be below the column type's). */
  maxValue: z.number(),
});

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
  /** A generated column: its expression in the database's own SQL, and whether it is stored. */
  generated: z.object({ expression: z.string(), stored: z.boolean() }).optional(),
  /** The sequence behind an identity or serial column, as introspected. */
  sequence: columnSequenceSchema.optional(),
  /** The domain the column was declared with; `type` is the domain's base type. */
  domain: z.string().optional(),
  /** Where the column came from in the spec (`entities.order.fields.customer`), or why it exists. */
  origin: z.string(),
});

export const foreignKeySchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  refTable: z.string(),
  refColumns: z.array(z.string()),
  onDelete: z.enum(['restrict', 'cascade', 'set-null', 'set-default', 'no-action']),
  /** Absent means no action, the SQL default (the spec never sets it). */
  onUpdate: z.enum(['restrict', 'cascade', 'set-null', 'set-default', 'no-action']).optional(),
  /** For set-null on a composite key: only these columns become NULL (the tenant stays). */
  setNullColumns: z.array(z.string()).optional(),
  /** Checked at commit, so rows that reference each other can be inserted in one transaction. */
  deferrable: z.boolean(),
  /** Deferred by default (INITIALLY DEFERRED); absent means checked per statement unless deferred. */
  initiallyDeferred: z.boolean().optional(),
  /** Added NOT VALID and never validated: rows from before may break it (read from existing databases). */
  notValid: z.boolean().optional(),
});

export const checkSchema = z.object({
  name: z.string(),
  rule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('range'), column: z.string(), min: z.number().optional(), max: z.number().optional() }),
    z.object({ kind: z.literal('format'), column: z.string(), format: z.enum(['email', 'phone']) }),
    /** Any other condition, kept as the database's own SQL text, with the columns it reads. */
    z.object({ kind: z.literal('expression'), sql: z.string(), columns: z.array(z.string()) }),
  ]),
  notValid: z.boolean().optional(),
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
  method: z.enum(['btree', 'hash', 'gin', 'gist', 'spgist', 'brin']),
  unique: z.boolean(),
  /** A partial index's condition as the database's own SQL, when `where` cannot hold it (introspected). */
  predicate: z.string().optional(),
  /** False when the database marks the index invalid (a failed concurrent build): it is maintained but never used. */
  valid: z.boolean().optional(),
  /** Usage and size, as introspected. */
  stats: z.object({ scans: z.number().nullable(), bytes: z.number() }).optional(),
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

// ---- Structures analyses choose beyond tables (history, snapshots, pre-aggregates): triggers and materialized views.

/** What a trigger does, by purpose, so each dialect writes its own function body. */
export const triggerSchema = z.discriminatedUnion('kind', [
  /** Copies the old row into `historyTable` on UPDATE or DELETE, with the operation, the role and the time. */
  z.object({ kind: z.literal('history'), name: z.string(), historyTable: z.string(), origin: z.string() }),
  /** Adds each inserted row to running totals per key in `snapshotTable`, so reads need not fold every row. */
  z.object({
    kind: z.literal('running-total'),
    name: z.string(),
    snapshotTable: z.string(),
    keyColumns: z.array(z.string()),
    /** Snapshot column = sum of the source column (or count of rows when `source` is absent). */
    totals: z.array(z.object({ column: z.string(), fn: z.enum(['sum', 'count']), source: z.string().optional() })),
    /** The snapshot's column set to the time of the last change. */
    asOfColumn: z.string(),
    origin: z.string(),
  }),
]);

/** One output column of an aggregate view: a group key (a column or an expression over columns, PostgreSQL syntax from a pattern) or an aggregate. */
export const viewColumnSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), name: z.string(), column: z.string().optional(), expression: z.string().optional() }),
  z.object({ kind: z.literal('aggregate'), name: z.string(), fn: z.enum(['count', 'sum', 'avg', 'min', 'max']), column: z.string().optional() }),
]);

/**
 * A materialized view that pre-aggregates one table, refreshed on a schedule; its unique index over
 * the group keys lets the refresh run concurrently with reads.
 */
export const aggregateViewSchema = z.object({
  name: z.string(),
  table: z.string(),
  columns: z.array(viewColumnSchema),
  /** Rows aggregated, all conditions ANDed. */
  where: z.array(indexConditionSchema),
  /** Only rows whose `column` lies in the last `seconds` before the refresh. */
  window: z.object({ column: z.string(), seconds: z.number() }).optional(),
  uniqueIndex: z.string(),
  refreshEverySeconds: z.number(),
  origin: z.string(),
});

export type Trigger = z.infer<typeof triggerSchema>;
export type ViewColumn = z.infer<typeof viewColumnSchema>;
export type AggregateView = z.infer<typeof aggregateViewSchema>;

// ---- end of the structures block

/** A row-level security policy, as the database holds it (introspected). */
export const policySchema = z.object({
  name: z.string(),
  command: z.enum(['all', 'select', 'insert', 'update', 'delete']),
  permissive: z.boolean(),
  roles: z.array(z.string()),
  using: z.string().optional(),
  withCheck: z.string().optional(),
});

/** What the database's statistics say about a table (introspected). */
export const tableStatsSchema = z.object({
  /** The planner's row estimate; null when the table was never analyzed or vacuumed. */
  rows: z.number().nullable(),
  /** Heap with its maps and TOAST. */
  tableBytes: z.number(),
  indexBytes: z.number(),
  /** Out-of-line storage alone, a part of tableBytes. */
  toastBytes: z.number(),
  /** When statistics were last gathered (ISO 8601), by hand or by autovacuum; null for never. */
  analyzedAt: z.string().nullable(),
  /** Scans since the statistics were reset; null where the database does not count them. */
  seqScans: z.number().nullable(),
  indexScans: z.number().nullable(),
  /** Rows written since the statistics were reset (inserts, updates, deletes). */
  writes: z.number().nullable(),
});

export const tableSchema = z.object({
  name: z.string(),
  /** The database schema (namespace) the table lives in, when read from a database and not the default one. */
  namespace: z.string().optional(),
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
  /** Row triggers that keep derived tables (history, snapshots) in step. */
  triggers: z.array(triggerSchema).optional(),
  /** Row-level security as introspected: whether it is on (and forced on the owner), and its policies. */
  rowSecurity: z.object({ enabled: z.boolean(), forced: z.boolean(), policies: z.array(policySchema) }).optional(),
  stats: tableStatsSchema.optional(),
  origin: z.string(),
});

export const enumTypeSchema = z.object({ name: z.string(), values: z.array(z.string()) });

/**
 * Something an existing database holds that the model cannot say (a view, a function, a trigger, a
 * domain's check, a partition, an exclusion constraint, an extension), kept with its SQL and listed
 * in every report rather than dropped.
 */
export const nativeObjectSchema = z.object({
  /** What it is: `view`, `materialized-view`, `function`, `trigger`, `domain`, `partition`, `exclusion`, `extension`, `statement`, … */
  kind: z.string(),
  name: z.string(),
  /** The table it belongs to, when it belongs to one. */
  table: z.string().optional(),
  dialect: z.string(),
  /** Its definition in the dialect's own SQL. */
  sql: z.string(),
  /** Why the model keeps it as native (what it would need to say it). */
  reason: z.string(),
});

export const schemaSchema = z.object({
  tables: z.array(tableSchema),
  enums: z.array(enumTypeSchema),
  /** Pre-aggregates chosen by the analyses, created after the tables. */
  views: z.array(aggregateViewSchema).optional(),
  /** What an existing database holds beyond the model (introspected), in catalog order. */
  native: z.array(nativeObjectSchema).optional(),
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
export type NativeObject = z.infer<typeof nativeObjectSchema>;
export type Policy = z.infer<typeof policySchema>;
export type TableStats = z.infer<typeof tableStatsSchema>;
export type ColumnSequence = z.infer<typeof columnSequenceSchema>;
export type Schema = z.infer<typeof schemaSchema>;

export const findTable = (schema: Schema, name: string): Table | undefined => schema.tables.find((t) => t.name === name);
export const findColumn = (table: Table, name: string): Column | undefined => table.columns.find((c) => c.name === name);

/** The leading plain columns of an index, up to its first expression: what an equality lookup can use. */
/** A column the database fills with a value of its own for each row (an identity or a random UUID): unique by itself. */
export function isGeneratedColumn(table: Pick<Table, 'columns'>, name: string): boolean {
  const column = table.columns.find((c) => c.name === name);
  return column?.identity !== undefined || column?.default?.kind === 'random-uuid';
}

export function leadingColumns(index: Pick<Index, 'keys'>): string[] {
  const out: string[] = [];
  for (const key of index.keys) {
    if (key.column === undefined) break;
    out.push(key.column);
  }
  return out;
}
