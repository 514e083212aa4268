import { formatBytes, formatCount, formatRate } from '../../format.js';
import type { Advice } from './select/advise-indexes.js';
import type { Workload } from './workload/workload.js';

/** What the report says about where the advice came from. */
export interface AdviceContext {
  readonly target: string;
  readonly engine: string;
  readonly data: string;
}

const METHOD = {
  hypopg: 'hypothetical indexes (hypopg), nothing built',
  'rolled-back-builds': 'real index builds inside a transaction that was rolled back',
} as const;

const cost = (n: number) => formatCount(Math.round(n));
const change = (before: number, after: number) =>
  before > 0 && Math.abs(1 - after / before) >= 0.0005 ? ` (${after < before ? '−' : '+'}${(Math.abs(1 - after / before) * 100).toFixed(1)}%)` : '';

/**
 * The advice as text: the workload's cost before and after, each recommendation with the queries
 * it helps and its SQL, each drop with what it costs and saves, then every query before and after.
 */
export function renderAdviceText(advice: Advice, workload: Workload, about: AdviceContext): string {
  const weight = (w: number) => (advice.weightUnit === 'per-second' ? formatRate(w) : `${formatCount(w)} calls`);
  const byId = new Map(workload.queries.map((q) => [q.id, q]));
  const lines: string[] = [];
  lines.push(`Index advice for ${about.target}`);
  lines.push(`  engine: ${about.engine}, ${METHOD[advice.method]}; data: ${about.data}`);
  lines.push(
    `  workload: ${workload.source}, ${advice.queries.length} queries weighted by ${advice.weightUnit === 'per-second' ? 'calls per second' : 'calls'}${workload.skipped.length ? `, ${workload.skipped.length} statements left out` : ''}`,
  );
  lines.push(
    `  cost (Σ weight × plan cost, planner units): ${cost(advice.cost.before)} → ${cost(advice.cost.after)}${change(advice.cost.before, advice.cost.after)}, write upkeep of the new indexes included (${cost(advice.cost.upkeepAfter)})`,
  );
  lines.push('');
  const total = advice.recommendations.reduce((s, r) => s + r.bytes, 0);
  if (advice.recommendations.length === 0) lines.push('No index to add: no candidate lowers the workload’s cost by enough to pay for its upkeep.');
  else lines.push(`Create (${advice.recommendations.length}, ${formatBytes(total)} by the size model):`);
  for (const [i, r] of advice.recommendations.entries()) {
    lines.push(`${i + 1}. ${r.sql};`);
    lines.push(`   ${formatBytes(r.bytes)}${r.builtBytes !== undefined ? ` (built: ${formatBytes(r.builtBytes)})` : ''}; write upkeep ${cost(r.writeCost)}`);
    for (const h of r.helps) lines.push(`   ${h.query} (${weight(byId.get(h.query)?.weight ?? 0)}): ${cost(h.before)} → ${cost(h.after)}`);
  }
  if (advice.drops.length) {
    lines.push('');
    lines.push(`Drop (${advice.drops.length}):`);
    for (const [i, d] of advice.drops.entries()) {
      const why =
        d.reason === 'duplicate' ? `a duplicate of ${d.twin}` : d.reason === 'prefix-redundant' ? `a prefix of ${d.twin}` : 'no plan of the workload reads it';
      lines.push(`${i + 1}. ${d.sql};  -- ${why}`);
      lines.push(
        `   frees ${formatBytes(d.bytes)}${d.bytesBasis === 'model' ? ' (size model)' : ''} and ${cost(d.upkeepSaved)} of write upkeep; reads ${d.readCostIncrease === undefined ? 'not costed' : `+${cost(d.readCostIncrease)}`} (${d.costBasis})`,
      );
    }
  }
  lines.push('');
  lines.push('Queries (cost of one call, before → after):');
  for (const q of advice.queries) {
    const used = q.indexesAfter.length ? q.indexesAfter.join(', ') : 'no index';
    lines.push(`  ${q.id} (${weight(q.weight)}): ${cost(q.before)} → ${cost(q.after)}${change(q.before, q.after)}  ${used}`);
  }
  for (const u of advice.unplanned) lines.push(`  ${u.id}: not planned: ${u.reason}`);
  lines.push('');
  lines.push(
    `${advice.candidates} candidates, ${advice.whatIfCalls} what-if calls, ${advice.search} search${advice.proven === false ? ' (not proven optimal: the node limit was reached)' : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The advice as JSON: `recommendations` (each with `sql`), `drops`, `cost {before, after}`, and the rest. */
export function adviceJson(advice: Advice, workload: Workload, about: AdviceContext): unknown {
  return {
    target: about.target,
    engine: about.engine,
    data: about.data,
    method: advice.method,
    search: advice.search,
    workload: {
      source: workload.source,
      weightUnit: workload.weightUnit,
      queries: workload.queries.length,
      skipped: workload.skipped,
    },
    recommendations: advice.recommendations.map((r) => ({
      name: r.index.name,
      table: r.index.table,
      sql: r.sql,
      bytes: r.bytes,
      ...(r.builtBytes !== undefined ? { builtBytes: r.builtBytes } : {}),
      writeCost: r.writeCost,
      helps: r.helps,
      askedBy: r.askedBy,
      index: r.index,
    })),
    drops: advice.drops,
    queries: advice.queries,
    cost: advice.cost,
    unplanned: advice.unplanned,
    candidates: advice.candidates,
    whatIfCalls: advice.whatIfCalls,
    ...(advice.proven !== undefined ? { proven: advice.proven } : {}),
  };
}
