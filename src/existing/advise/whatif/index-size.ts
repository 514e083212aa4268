import type { IndexSizeEstimate, StorageModel } from '../../../dialects/storage.js';
import type { ColumnStats } from '../../../model/measured.js';
import type { Index, Schema } from '../../../model/schema.js';

/**
 * Sizes of indexes from the dialect's storage model (the capacity analysis's B-tree formula, with
 * deduplication where the key domain is known), not from hypopg, whose estimates run 1.4–1.7× high
 * for B-trees and far more for low-cardinality keys. Built as by CREATE INDEX (leaves at fillfactor 90).
 */
export function estimateIndexSizes(
  storage: StorageModel,
  schema: Schema,
  rows: ReadonlyMap<string, number>,
  indexes: readonly Index[],
  columnStats?: ColumnStats,
): Map<string, IndexSizeEstimate> {
  const byTable = new Map<string, Index[]>();
  for (const index of indexes) byTable.set(index.table, [...(byTable.get(index.table) ?? []), index]);
  const tables = schema.tables.filter((t) => byTable.has(t.name)).map((t) => ({ ...t, indexes: byTable.get(t.name)! }));
  const sizes = storage.estimateTableSizes({ ...schema, tables }, rows, { indexGrowth: 'bulk', ...(columnStats ? { columnStats } : {}) });
  const out = new Map<string, IndexSizeEstimate>();
  for (const size of sizes.values())
    for (const index of size.indexes) if (indexes.some((i) => i.name === index.name && i.table === size.table)) out.set(index.name, index);
  return out;
}
