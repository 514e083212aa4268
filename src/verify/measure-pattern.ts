import type { Dialect } from '../dialects/dialect.js';
import type { PlanFacts } from '../dialects/plan-facts.js';
import type { Engine } from '../engines/engine.js';

export interface Measurement {
  /** The plan of the first parameter set. */
  readonly plan: PlanFacts;
  /** Over every parameter set: an index used for one value and not another is still used. */
  readonly indexesUsed: readonly string[];
  readonly seqScans: readonly string[];
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly maxMs: number;
  readonly samples: number;
}

/**
 * Runs one pattern under EXPLAIN ANALYZE for each parameter set, `runs` times after one warm-up,
 * and reports the engine's own execution times. Writes run inside a transaction that is rolled
 * back, so measuring never changes the data.
 */
export async function measurePattern(
  engine: Engine,
  dialect: Dialect,
  sql: string,
  parameterSets: readonly unknown[][],
  runs: number,
  writes: boolean,
): Promise<Measurement> {
  const statement = dialect.explainStatement(sql, true);
  const once = async (params: readonly unknown[]) => {
    if (!writes) return dialect.parsePlan(await engine.query(statement, params));
    await engine.exec('BEGIN');
    try {
      return dialect.parsePlan(await engine.query(statement, params));
    } finally {
      await engine.exec('ROLLBACK');
    }
  };
  const plans: PlanFacts[] = [];
  const times: number[] = [];
  for (const params of parameterSets) {
    plans.push(await once(params));
    for (let run = 0; run < runs; run++) {
      const plan = await once(params);
      plans.push(plan);
      times.push(plan.executionMs ?? 0);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    plan: plans[0]!,
    indexesUsed: [...new Set(plans.flatMap((p) => p.indexesUsed))],
    seqScans: [...new Set(plans.flatMap((p) => p.seqScans))],
    medianMs: round(at(0.5)),
    p90Ms: round(at(0.9)),
    maxMs: round(times.at(-1) ?? 0),
    samples: times.length,
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
