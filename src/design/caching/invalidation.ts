import { formatCount } from '../../format.js';
import type { QueryShape } from '../../sql/query-shape.js';
import { formatRate } from '../../format.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import type { CacheInvalidation, CacheLayer, CacheWriteInvalidation } from '../../model/parts/caching.js';
import type { KeySpace } from './key-space.js';
import type { PatternParameter } from './pattern-parameters.js';

/** The writes of the workload: the only patterns that can make a cached result stale. */
export const isWrite = (shape: QueryShape): shape is Extract<QueryShape, { writesTable: string }> =>
  shape.kind === 'insert' || shape.kind === 'update' || shape.kind === 'delete';

/**
 * rule:cache-invalidation-from-writes. Every write pattern whose target table the cached read reads
 * can change its result: each is named with what it does to the entry. A write that fixes every key
 * parameter names the one entry to delete (after its commit, so a concurrent read cannot put the old
 * value back); but when writes would delete each entry about once per TTL or more, the cache would
 * empty faster than it fills, and the staleness bound lets the entry live until it expires.
 */
export function planInvalidation(
  shape: QueryShape,
  layer: CacheLayer,
  parameters: readonly PatternParameter[],
  keys: KeySpace,
  ttlSeconds: number,
  workload: readonly WorkloadPattern[],
): CacheInvalidation {
  const tables = [...new Set(shape.tables.map((t) => t.table))];
  const keyColumns = [...new Set(parameters.flatMap((p) => (p.column ? [p.column.column] : [])))];
  const writes: CacheWriteInvalidation[] = [];
  for (const write of workload) {
    const target = write.shape;
    if (!isWrite(target) || !tables.includes(target.writesTable)) continue;
    writes.push({
      pattern: write.name,
      table: target.writesTable,
      ratePerSecond: write.ratePerSecond,
      ...actionFor(write, target, layer, keyColumns, keys, ttlSeconds),
    });
  }
  const written = new Set(writes.map((w) => w.table));
  return { ttlExpiry: true, writes, tablesWithoutWritePatterns: tables.filter((t) => !written.has(t)) };
}

function actionFor(
  write: WorkloadPattern,
  target: Extract<QueryShape, { writesTable: string }>,
  layer: CacheLayer,
  keyColumns: readonly string[],
  keys: KeySpace,
  ttlSeconds: number,
): Pick<CacheWriteInvalidation, 'action' | 'reason'> {
  if (layer === 'materialized-view')
    return { action: 'next-refresh', reason: `its rows reach the view at the next scheduled refresh, within the staleness bound` };
  const fixed = fixedColumns(target);
  const missing = keyColumns.filter((c) => !fixed.includes(c));
  if (keys.unbounded || missing.length)
    return {
      action: 'expire-by-ttl',
      reason: `it does not fix the key's ${keys.unbounded ? 'range ' : ''}parameters${missing.length ? ` (${missing.join(', ')})` : ''}, so it cannot name the entry to drop: the TTL bounds the staleness`,
    };
  const perKeyPerTtl = (write.ratePerSecond * ttlSeconds) / keys.distinctKeys;
  if (perKeyPerTtl >= 1)
    return {
      action: 'expire-by-ttl',
      reason: `at ${formatRate(write.ratePerSecond)} over ${formatCount(keys.distinctKeys)} keys it changes each entry ~${Number(perKeyPerTtl.toPrecision(2))} times per TTL: deleting on write would empty the cache faster than it fills, and the staleness bound allows serving the entry until it expires`,
    };
  const named = `it fixes every key parameter (${keyColumns.join(', ') || 'none'}), so it names the entry`;
  if (layer === 'cdn') return { action: 'purge-url', reason: `${named}: purge that URL after the write commits` };
  if (layer === 'in-process')
    return {
      action: 'delete-key-after-commit',
      reason: `${named}: after the commit, broadcast the key (PostgreSQL NOTIFY or Redis pub/sub) so every instance drops its copy`,
    };
  return { action: 'delete-key-after-commit', reason: `${named}: delete that key after the write commits` };
}

/** Columns a write pins to one value: the columns an INSERT sets, or those an UPDATE/DELETE filters by equality. */
function fixedColumns(target: Extract<QueryShape, { writesTable: string }>): string[] {
  if (target.kind === 'insert') return [...target.setColumns];
  return target.predicates.filter((p) => p.table === target.writesTable && p.op === 'eq' && !p.inOr && !p.negated).map((p) => p.column);
}
