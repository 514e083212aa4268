/** What an engine's plan says, reduced to the facts verification reports; each dialect parses its own EXPLAIN into this. */
export interface PlanFacts {
  /** Node types in plan order, each once: `Limit`, `Index Only Scan`, `Sort`, … */
  readonly nodeTypes: readonly string[];
  readonly indexesUsed: readonly string[];
  /** Tables read by a sequential scan (a scan of the whole table). */
  readonly seqScans: readonly string[];
  readonly totalCost: number;
  /** Present for EXPLAIN ANALYZE. */
  readonly executionMs?: number;
  readonly planningMs?: number;
}
