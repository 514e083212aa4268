/** What the advisor needs of one plan: its total cost, the indexes it reads, and the rows a write changes. */
export interface PlanCost {
  /** The planner's total cost of the plan (its own units: a sequential page read is 1). */
  readonly cost: number;
  /** Index names as the plan prints them (hypothetical ones as `<oid>btree_…`). */
  readonly indexesUsed: readonly string[];
  /** For INSERT, UPDATE and DELETE: the rows the planner expects the statement to write. */
  readonly writtenRows: number;
}

type PlanNode = { 'Node Type'?: string; 'Index Name'?: string; 'Total Cost'?: number; 'Plan Rows'?: number; Plans?: PlanNode[] };

/** The one row of `EXPLAIN (FORMAT JSON)` (drivers give it as text or parsed) as a PlanCost. */
export function planCostOf(rows: readonly Record<string, unknown>[]): PlanCost {
  const raw = rows[0]?.['QUERY PLAN'];
  const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const top = document[0]!.Plan;
  const indexes: string[] = [];
  const visit = (node: PlanNode) => {
    const name = node['Index Name'];
    if (name && !indexes.includes(name)) indexes.push(name);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(top);
  // ModifyTable reports 0 rows without RETURNING; the rows it writes are its input's.
  const writtenRows = top['Node Type'] === 'ModifyTable' ? Math.max(1, ...(top.Plans ?? []).map((p) => p['Plan Rows'] ?? 0)) : 0;
  return { cost: top['Total Cost'] ?? 0, indexesUsed: indexes, writtenRows };
}
