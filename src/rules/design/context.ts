import type { Schema } from '../../model/schema.js';
import type { QueryShape } from '../../sql/query-shape.js';

/** An access pattern as the design rules read it: its name and the shape parsed from its SQL. */
export interface DesignPattern {
  readonly name: string;
  readonly shape: QueryShape;
}

/**
 * What every design rule reads: the model as the spec declares it (before the analyses add history,
 * snapshot or partition structures) and the workload's access patterns. `design` runs the set once
 * (src/design/rules/analysis.ts); a test builds it from a spec's text (`loadForAnalysis`).
 */
export interface DesignContext {
  readonly schema: Schema;
  readonly workload: readonly DesignPattern[];
}
