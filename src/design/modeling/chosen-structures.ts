import type { Schema } from '../../model/schema.js';
import type { Caching } from '../../model/parts/caching.js';
import { aggregateViewOf } from '../caching/materialized-view.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import type { Idempotency } from '../../model/parts/scaling.js';
import { withIdempotencyKeys } from '../scaling/idempotency.js';

/**
 * The schema with every structure a decision chooses outside the modeling analysis: idempotency
 * keys (scaling) and the materialized views the caching layer picked, so the DDL builds what the
 * decisions say. A view chosen by both caching and modeling for one pattern has one name and is
 * made once.
 */
export function withChosenStructures(modeled: Schema, workload: readonly WorkloadPattern[], idempotency: readonly Idempotency[], caching: Caching): Schema {
  const keyed = withIdempotencyKeys(modeled, idempotency);
  const views = [...(keyed.views ?? [])];
  for (const cached of caching.cached) {
    const chosen = cached.materializedView;
    const shape = workload.find((w) => w.name === cached.pattern)?.shape;
    if (!chosen || !shape || views.some((v) => v.name === chosen.name)) continue;
    const plan = aggregateViewOf(chosen.name, shape, chosen.refreshEverySeconds, `caching/${cached.pattern}`);
    if (plan.kind === 'view') views.push(plan.view);
  }
  return views.length ? { ...keyed, views } : keyed;
}
