import { z } from 'zod';
import { indexSchema } from '../schema.js';

/**
 * The capacity summary in design.json: sizes month by month to the horizon, the write load and the
 * hot set. Bytes are whole numbers; rates are per second. RAM and connections belong to the instance
 * (scaling), which reads the hot set from here.
 */
const insertPatternSchema = z.enum(['sequential', 'per-tenant-sequential', 'random']);

export const indexCapacitySchema = z.object({
  name: z.string(),
  method: indexSchema.shape.method,
  /** Rows the index holds (a partial index: its share). */
  entries: z.number(),
  bytes: z.number(),
  /** Equal keys merged into posting tuples (PostgreSQL 13+ deduplication). */
  deduplicated: z.boolean(),
  /** Where inserts land: decides leaf fill, page writes and what stays hot. */
  insertPattern: insertPatternSchema,
});

export const tableCapacitySchema = z.object({
  table: z.string(),
  rows: z.number(),
  /** Average heap tuple, header and padding included, MAXALIGNed; the line pointer adds 4. */
  tupleBytes: z.number(),
  rowsPerPage: z.number(),
  partitions: z.number(),
  /** Main fork. */
  heapBytes: z.number(),
  /** Heap, free space map, visibility map and TOAST: what pg_table_size counts. */
  tableBytes: z.number(),
  indexBytes: z.number(),
  totalBytes: z.number(),
  indexes: z.array(indexCapacitySchema),
  /** Columns whose width is a typical value rather than a fixed one or a measurement. */
  assumedWidths: z.array(z.string()),
  insertsPerSecond: z.number(),
  /** `given`: a write rate passed in; `growth`: the spec's growth per month spread evenly. */
  writeRateBasis: z.enum(['given', 'growth']),
  walBytesPerSecond: z.number(),
  pageWritesPerSecond: z.number(),
  hotBytes: z.number(),
});

export const monthCapacitySchema = z.object({
  month: z.number(),
  tableBytes: z.number(),
  indexBytes: z.number(),
  totalBytes: z.number(),
  tables: z.array(z.object({ table: z.string(), rows: z.number(), tableBytes: z.number(), indexBytes: z.number(), totalBytes: z.number() })),
});

export const capacitySchema = z.object({
  horizon: z.object({ text: z.string(), months: z.number() }),
  /** Month 0 is the spec's volume; the last is the horizon. */
  months: z.array(monthCapacitySchema),
  atHorizon: z.object({
    rows: z.number(),
    tableBytes: z.number(),
    indexBytes: z.number(),
    totalBytes: z.number(),
    tables: z.array(tableCapacitySchema),
  }),
  wal: z.object({
    /** WAL record bytes before full-page images. */
    recordBytesPerSecond: z.number(),
    fullPageWriteMultiplier: z.number(),
    bytesPerSecond: z.number(),
    bytesPerDay: z.number(),
  }),
  iops: z.object({
    /** Data pages written back per second (heap and index pages dirtied by inserts). */
    pageWritesPerSecond: z.number(),
    /** WAL flushes: one per commit at most, each insert its own transaction. */
    walFlushesPerSecond: z.number(),
    /** Leaf reads inserts need at worst: one per random-key index entry whose leaf is not cached. */
    insertReadsPerSecond: z.number(),
  }),
  memory: z.object({
    hotSetBytes: z.number(),
    rule: z.string(),
  }),
  assumptions: z.array(z.string()),
});

export type Capacity = z.infer<typeof capacitySchema>;
export type TableCapacity = z.infer<typeof tableCapacitySchema>;
export type IndexCapacity = z.infer<typeof indexCapacitySchema>;
export type MonthCapacity = z.infer<typeof monthCapacitySchema>;
