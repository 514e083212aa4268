import type { Index } from '../../../model/schema.js';
import type { WorkloadQuery } from '../workload/workload.js';
import type { WhatIfEngine } from './engine.js';
import type { PlanCost } from './plan-cost.js';

/**
 * Plans by query and by the indexes that can matter to it: an index on a table the query does
 * not read cannot change its plan, so a query's cost is cached under the candidates (and hidden
 * indexes) of its own tables only. What-if calls dominate an advisor's run time; this is what
 * keeps a search over many sets affordable.
 */
export class WhatIfCosts {
  private readonly cache = new Map<string, PlanCost>();
  /** EXPLAIN calls made (cache misses). */
  calls = 0;

  constructor(private readonly engine: WhatIfEngine) {}

  get method(): WhatIfEngine['method'] {
    return this.engine.method;
  }

  /** The plans of `queries` with exactly the candidates `config`, and the existing indexes but `hidden`. */
  async plans(queries: readonly WorkloadQuery[], config: readonly Index[], hidden: readonly Index[] = []): Promise<Map<string, PlanCost>> {
    const out = new Map<string, PlanCost>();
    const missing: { query: WorkloadQuery; key: string }[] = [];
    for (const query of queries) {
      const key = cacheKey(query, config, hidden);
      const cached = this.cache.get(key);
      if (cached) out.set(query.id, cached);
      else missing.push({ query, key });
    }
    if (missing.length === 0) return out;
    await this.engine.configure(
      config,
      hidden.map((i) => i.name),
    );
    for (const { query, key } of missing) {
      this.calls++;
      const plan = await this.engine.explain(query);
      this.cache.set(key, plan);
      out.set(query.id, plan);
    }
    return out;
  }

  /** The plan of one query (see plans). */
  async plan(query: WorkloadQuery, config: readonly Index[], hidden: readonly Index[] = []): Promise<PlanCost> {
    return (await this.plans([query], config, hidden)).get(query.id)!;
  }
}

/** Tables a query reads or writes, subqueries and CTEs included. */
export const tablesOf = (query: WorkloadQuery): ReadonlySet<string> => new Set(query.shape.tables.map((t) => t.table));

function cacheKey(query: WorkloadQuery, config: readonly Index[], hidden: readonly Index[]): string {
  const tables = tablesOf(query);
  const names = (indexes: readonly Index[]) =>
    indexes
      .filter((i) => tables.has(i.table))
      .map((i) => i.name)
      .sort();
  return JSON.stringify([query.id, names(config), names(hidden)]);
}
