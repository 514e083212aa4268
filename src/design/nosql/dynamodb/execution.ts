import type { Evidence } from '../../../model/decision.js';

/** What running the design on a DynamoDB-compatible server reported, per pattern (engines/dynamodb-local.ts makes it). */
export interface DynamoPatternRun {
  readonly pattern: string;
  readonly ok: boolean;
  readonly detail: string;
  /** The operations sent for the pattern, in order. */
  readonly operations: readonly string[];
  readonly skipped?: string;
}

export interface DynamoExecution {
  /** `dynalite 4.0.0` */
  readonly engine: string;
  readonly items: number;
  readonly patterns: readonly DynamoPatternRun[];
  /** Every request the server received, by operation: `Scan` must be absent. */
  readonly requests: Readonly<Record<string, number>>;
}

/** The evidence a run gives: executed when every pattern that ran returned its answer and no Scan reached the server. */
export function executionEvidence(run: DynamoExecution): Evidence {
  const ran = run.patterns.filter((p) => !p.skipped);
  const ok = ran.filter((p) => p.ok).length;
  const scans = run.requests['Scan'] ?? 0;
  const counts = Object.entries(run.requests)
    .filter(([op]) => ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'Scan'].includes(op))
    .map(([op, n]) => `${n} ${op}`)
    .join(', ');
  return {
    tier: 'executed',
    source: `engine:${run.engine}`,
    detail: `table.json created and ${run.items} synthetic items put; ${ok} of ${ran.length} patterns returned what the SQL returns on the same rows (${counts}; ${scans} Scan${scans === 1 ? '' : 's'})${run.patterns.length > ran.length ? `; ${run.patterns.length - ran.length} not run` : ''}`,
  };
}
