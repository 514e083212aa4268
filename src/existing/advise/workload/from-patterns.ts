import type { QueryShape } from '../../../sql/query-shape.js';
import type { Workload, WorkloadQuery } from './workload.js';

/** One access pattern of a spec: its name, rate, `$n` SQL and parsed shape. */
export interface PatternInput {
  readonly name: string;
  readonly sql: string;
  readonly parameters: number;
  readonly ratePerSecond: number;
  readonly shape: QueryShape;
}

/** The spec's access patterns as the workload: each at its stated rate, its `:name` parameters as `$n`. */
export function workloadFromPatterns(source: string, patterns: readonly PatternInput[]): Workload {
  const queries: WorkloadQuery[] = patterns.map((p) => {
    const shape = p.shape;
    const write =
      shape.kind === 'insert' || shape.kind === 'delete' || shape.kind === 'update'
        ? { table: shape.writesTable, kind: shape.kind, setColumns: shape.kind === 'delete' ? [] : shape.setColumns }
        : undefined;
    return {
      id: p.name,
      sql: p.sql,
      parameters: p.parameters,
      weight: p.ratePerSecond,
      shape,
      ...(write ? { write } : {}),
      origin: { kind: 'pattern', pattern: p.name },
    };
  });
  return { queries, weightUnit: 'per-second', source, skipped: [] };
}
