/**
 * What one query block yields besides the statement-wide lists: its select list,
 * ORDER BY, GROUP BY, aggregates and row limits (used for the main block), and for a
 * write its target and RETURNING list.
 */
import { compact } from './nodes.js';
import type { Resolved } from './scope.js';
import type { Aggregate, ColumnUse, InsertShape, OnConflict, OrderItem, ProjectedItem, RowCount } from './types.js';

export interface TargetInfo {
  readonly use: ProjectedItem;
  /** The resolved column when the entry is a plain column (for IN-subquery edges). */
  readonly column?: Resolved;
  readonly explicitName?: string;
  readonly outputName: string;
  readonly star: boolean;
}

export interface SelectFacts {
  readonly targets: readonly TargetInfo[];
  readonly orderBy: readonly OrderItem[];
  readonly groupBy: readonly ColumnUse[];
  readonly aggregates: readonly Aggregate[];
  readonly limit?: RowCount;
  readonly offset?: RowCount;
}

export interface WriteFacts {
  readonly writesTable: string;
  readonly setColumns: readonly string[];
  readonly returning: readonly ProjectedItem[];
  readonly outputNames?: readonly string[];
}

export interface InsertFacts extends WriteFacts {
  readonly source: InsertShape['source'];
  readonly select?: SelectFacts;
  readonly onConflict?: OnConflict;
}

/** The main-block part of a shape; empty lists when the statement has no SELECT block. */
export function selectPart(facts: SelectFacts | undefined) {
  return compact({
    orderBy: facts?.orderBy ?? [],
    limit: facts?.limit,
    offset: facts?.offset,
    groupBy: facts?.groupBy ?? [],
    aggregates: facts?.aggregates ?? [],
    projected: (facts?.targets ?? []).map((t) => t.use),
  });
}

/** The block's output column names; unknown when the list has a `*`. */
export function outputNamesOf(targets: readonly TargetInfo[]): readonly string[] | undefined {
  return targets.some((t) => t.star) ? undefined : targets.map((t) => t.outputName);
}
