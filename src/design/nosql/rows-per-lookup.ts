import type { Table } from '../../model/schema.js';
import { growthPerSecond } from '../workload/growth.js';
import { rangeShare } from '../workload/selectivity.js';
import type { PatternAccess } from './pattern-access.js';
import type { Volumes } from './volumes.js';

/**
 * Rows one lookup of the pattern returns at the horizon: the table's rows over the distinct values
 * of the columns the key binds, times the share a range keeps (PostgreSQL's defaults, or the window
 * the pattern states), capped by LIMIT when nothing is filtered after the key. The same estimate
 * sizes a DynamoDB Query, a MongoDB find and a Cassandra partition read.
 */
export function rowsPerLookup(
  access: PatternAccess,
  volumes: Volumes,
  table: Table,
  bound: readonly string[],
  options: { readonly rangeColumn?: string; readonly filtered?: boolean; readonly extraDistinct?: number } = {},
): { rows: number; basis: string[] } {
  const rows = volumes.atHorizon(table.name);
  const own = bound.filter((c) => table.columns.some((x) => x.name === c));
  const distinct = Math.min(rows, volumes.distinct(table, own) * (options.extraDistinct ?? 1));
  let matched = rows / Math.max(1, distinct);
  const basis = [`${table.name}: ${Math.round(rows)} rows at the horizon over ${Math.round(distinct)} values of (${bound.join(', ') || 'nothing'})`];
  if (options.rangeColumn) {
    const share = rangeShare(
      options.rangeColumn,
      access.predicates.filter((p) => p.column === options.rangeColumn && p.op === 'range'),
      { rows, growthPerSecond: growthPerSecond(table), ...(access.windowSeconds !== undefined ? { windowSeconds: access.windowSeconds } : {}) },
    );
    matched *= share.share;
    basis.push(share.basis);
  }
  if (access.limit !== undefined) {
    // A filter after the key drops items LIMIT has already counted: assume half pass, so twice the limit is read.
    const cap = options.filtered ? access.limit * 2 : access.limit;
    if (matched > cap) basis.push(`LIMIT ${access.limit}${options.filtered ? ', read twice over for the filter (half assumed to pass)' : ''}`);
    matched = Math.min(matched, cap);
  }
  return { rows: Math.max(1, Math.round(matched * 100) / 100), basis };
}
