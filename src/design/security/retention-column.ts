import { createHash } from 'node:crypto';
import type { Table } from '../../model/schema.js';

/** Rows one retention call deletes: small enough that its locks and WAL burst stay short. */
export const RETENTION_BATCH_ROWS = 10_000;
/** Calls a minute the schedule makes (pg_cron's finest grain); with the batch, the most rows a month it can expire. */
export const RETENTION_CALLS_PER_MONTH = 30 * 24 * 60;

/**
 * The time column retention compares with its cutoff: the partition key of a partitioned table;
 * otherwise created_at, when the row was written, set by the database (a business time such as
 * placed_at is the application's to set, and its index would compete with the access patterns'
 * own); otherwise the first required timestamp. None when the table has no required timestamp,
 * and then retention cannot be enforced by the database.
 */
export function retentionColumn(table: Table): string | undefined {
  const required = table.columns.filter((c) => c.type.kind === 'timestamp' && !c.nullable);
  return table.partitioning?.column ?? (required.find((c) => c.name === 'created_at') ?? required[0])?.name;
}

/** The retention job's routine name, `dbarchitect_retention_<table>`, kept within PostgreSQL's 63 bytes. */
export function retentionJobName(table: string): string {
  const name = `dbarchitect_retention_${table}`;
  if (Buffer.byteLength(name) <= 63) return name;
  return `${name.slice(0, 54)}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
