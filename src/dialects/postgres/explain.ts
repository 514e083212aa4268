import type { PlanFacts } from '../plan-facts.js';

type PlanNode = {
  'Node Type'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Total Cost'?: number;
  Plans?: PlanNode[];
};

export const explainStatement = (sql: string, analyze: boolean): string =>
  analyze ? `EXPLAIN (ANALYZE, BUFFERS OFF, FORMAT JSON) ${sql}` : `EXPLAIN (FORMAT JSON) ${sql}`;

/** Parses the one row EXPLAIN (FORMAT JSON) returns; drivers hand it over as text or as parsed JSON. */
export function parsePostgresPlan(rows: readonly Record<string, unknown>[]): PlanFacts {
  const raw = rows[0]?.['QUERY PLAN'];
  const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode; 'Execution Time'?: number; 'Planning Time'?: number }[];
  const top = document[0]!;
  const nodeTypes: string[] = [];
  const indexes: string[] = [];
  const seqScans: string[] = [];
  const visit = (node: PlanNode) => {
    const type = node['Node Type'];
    if (type && !nodeTypes.includes(type)) nodeTypes.push(type);
    if (node['Index Name'] && !indexes.includes(node['Index Name'])) indexes.push(node['Index Name']);
    if (type === 'Seq Scan' && node['Relation Name'] && !seqScans.includes(node['Relation Name'])) seqScans.push(node['Relation Name']);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(top.Plan);
  return {
    nodeTypes,
    indexesUsed: indexes,
    seqScans,
    totalCost: top.Plan['Total Cost'] ?? 0,
    ...(top['Execution Time'] !== undefined ? { executionMs: top['Execution Time'] } : {}),
    ...(top['Planning Time'] !== undefined ? { planningMs: top['Planning Time'] } : {}),
  };
}
