import { createHash } from 'node:crypto';
import type { Table } from '../../model/schema.js';

/** Rows one retention call deletes: small enough that its locks and WAL burst stay short. */
export const RETENTION_BATCH_ROWS = 10_000;
/** Calls a minute the schedule makes (pg_cron's finest grain); with the batch, the most rows a month it can expire. */
export const RETENTION_CALLS_PER_MONTH = 30 * 24 * 60;

/**
 * The time column retention compares with its cutoff: the partition key of a partitioned table,
 * otherwise the first required timestamp (the spec's own time field before created_at). None when
 * the table has no required timestamp, and then retention cannot be enforced by the database.
 */
export function retentionColumn(table: Table): string | undefined {
  return table.partitioning?.column ?? table.columns.find((c) => c.type.kind === 'timestamp' && !c.nullable)?.name;
}

/** The retention job's routine name, `dbarchitect_retention_<table>`, kept within PostgreSQL's 63 bytes. */
export function retentionJobName(table: string): string {
  const name = `dbarchitect_retention_${table}`;
  if (Buffer.byteLength(name) <= 63) return name;
  return `${name.slice(0, 54)}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
