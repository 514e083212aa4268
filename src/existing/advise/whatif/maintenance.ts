import type { IndexSizeEstimate } from '../../../dialects/storage.js';
import type { Index } from '../../../model/schema.js';
import type { QueryWrite } from '../workload/workload.js';
import type { CostConstants } from './explain.js';

/**
 * rule:index-maintenance-cost. The planner costs reads, not the upkeep of indexes, so each row a
 * write puts into an index is priced here in the planner's own units, as btcostestimate prices a
 * descent: 50 × cpu_operator_cost per page level walked, log2(entries) comparisons, one
 * cpu_index_tuple_cost, and the leaf page it dirties: a random page (random_page_cost) when keys
 * land anywhere, shared by the entries of a page when they land at the end. A partial index is
 * touched by its share of the rows only.
 */
export function maintenancePerRow(size: IndexSizeEstimate, c: CostConstants): number {
  // Levels above the leaves: the fan-out is about the entries a page holds.
  const height = size.leafPages <= 1 ? 0 : Math.ceil(Math.log(size.leafPages) / Math.log(Math.max(2, size.rowsPerLeaf)));
  const descent = (height + 1) * 50 * c.cpuOperatorCost + Math.log2(Math.max(2, size.entries)) * c.cpuOperatorCost + c.cpuIndexTupleCost;
  const page = size.insertPattern === 'random' ? c.randomPageCost : c.randomPageCost / Math.max(1, size.rowsPerLeaf);
  return (descent + page) * Math.min(1, size.share);
}

/**
 * Whether a write puts entries into the index: every insert and delete of its table does (a delete's
 * entries are removed by VACUUM, work of the same order); an update only when it changes a column
 * the index holds (otherwise the update can be HOT and leave the index alone).
 */
export function writeTouches(index: Index, write: QueryWrite): boolean {
  if (write.table !== index.table) return false;
  if (write.kind !== 'update') return true;
  const columns = new Set([...index.keys.flatMap((k) => (k.column ? [k.column] : [])), ...index.include, ...index.where.map((w) => w.column)]);
  const expressions = index.keys.flatMap((k) => (k.expression ? [k.expression] : [])).join(' ');
  return write.setColumns.some((c) => columns.has(c) || new RegExp(`\\b${c.replace(/[^\w]/g, '')}\\b`).test(expressions));
}
