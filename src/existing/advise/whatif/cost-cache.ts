import type { Index } from '../../../model/schema.js';
import type { WorkloadQuery } from '../workload/workload.js';
import type { WhatIfEngine } from './engine.js';
import type { PlanCost } from './plan-cost.js';

/** Whether an index can change a query's plan at all; by default, when it is on a table the query reads. */
export type Relevance = (query: WorkloadQuery, index: Index) => boolean;

const onItsTables: Relevance = (query, index) => tablesOf(query).has(index.table);

/**
 * Plans by query and by the indexes that can matter to it. Each query is planned with only its
 * relevant candidates visible (and the existing indexes of its tables but the hidden ones), so its
 * cost is cached under exactly those: another set that differs only in indexes it cannot use
 * gives the cached plan. What-if calls dominate an advisor's run time; this keeps a search over
 * many sets affordable.
 */
export class WhatIfCosts {
  private readonly cache = new Map<string, PlanCost>();
  /** EXPLAIN calls made (cache misses). */
  calls = 0;

  constructor(
    private readonly engine: WhatIfEngine,
    readonly relevant: Relevance = onItsTables,
  ) {}

  get method(): WhatIfEngine['method'] {
    return this.engine.method;
  }

  /** The plans of `queries` with exactly the candidates `config`, and the existing indexes but `hidden`. */
  async plans(queries: readonly WorkloadQuery[], config: readonly Index[], hidden: readonly Index[] = []): Promise<Map<string, PlanCost>> {
    const out = new Map<string, PlanCost>();
    const missing: { query: WorkloadQuery; key: string; visible: Index[]; hiddenHere: Index[] }[] = [];
    for (const query of queries) {
      const tables = tablesOf(query);
      const visible = config.filter((i) => this.relevant(query, i));
      const hiddenHere = hidden.filter((i) => tables.has(i.table));
      const key = JSON.stringify([query.id, names(visible), names(hiddenHere)]);
      const cached = this.cache.get(key);
      if (cached) out.set(query.id, cached);
      else missing.push({ query, key, visible, hiddenHere });
    }
    // Queries that see the same indexes are planned one after another, under one configuration.
    missing.sort((a, b) => (a.key.slice(a.key.indexOf(',')) < b.key.slice(b.key.indexOf(',')) ? -1 : 1));
    for (const { query, key, visible, hiddenHere } of missing) {
      await this.engine.configure(
        visible,
        hiddenHere.map((i) => i.name),
      );
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

const names = (indexes: readonly Index[]) => indexes.map((i) => i.name).sort();
