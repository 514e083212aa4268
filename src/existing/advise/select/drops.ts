import type { Index, Schema, Table } from '../../../model/schema.js';
import { dropIndexSql } from '../../../rules/audit/support/drop-index.js';
import { coversLeading, indexesOf, type KeyedIndex, keyText } from '../../../rules/audit/support/indexes.js';
import type { WhatIfCosts } from '../whatif/cost-cache.js';
import type { PlanCost } from '../whatif/plan-cost.js';
import type { WorkloadQuery } from '../workload/workload.js';

export interface DropProposal {
  readonly index: string;
  readonly table: string;
  /** `duplicate` of `twin`; `prefix-redundant`: `twin` begins with its keys; `unused`: no plan of the workload reads it. */
  readonly reason: 'duplicate' | 'prefix-redundant' | 'unused';
  readonly twin?: string;
  /** DROP INDEX CONCURRENTLY (it cannot run inside a transaction block). */
  readonly sql: string;
  readonly bytes: number;
  readonly bytesBasis: 'measured' | 'model';
  /** The write upkeep it costs now (weighted, planner units), saved by dropping it. */
  readonly upkeepSaved: number;
  /** How much more the workload's reads would cost without it (weighted); undefined where it could not be costed. */
  readonly readCostIncrease?: number;
  /** How the read cost was found, in words. */
  readonly costBasis: string;
  /** Queries whose plans (after the recommendations) read it. */
  readonly usedBy: readonly string[];
}

export interface DropInput {
  readonly schema: Schema;
  readonly queries: readonly WorkloadQuery[];
  readonly costs: WhatIfCosts;
  /** Whether the engine can hide an existing index from the planner (real builds can; hypopg 1.3 cannot). */
  readonly canHide: boolean;
  /** The recommended indexes, in place when drops are weighed. */
  readonly recommended: readonly Index[];
  readonly plans: ReadonlyMap<string, PlanCost>;
  readonly upkeepOf: (index: Index) => number;
  readonly sizeOf: (index: Index) => { readonly bytes: number; readonly basis: 'measured' | 'model' };
  /** The database counts index scans (a live server): an index it saw scanned is not called unused. */
  readonly usageCounted: boolean;
}

const signature = (i: KeyedIndex): string => JSON.stringify([i.method, i.keys.map(keyText), [...i.include].sort(), i.condition]);

function isPrefixOf(shorter: KeyedIndex, longer: KeyedIndex): boolean {
  if (shorter.method !== 'btree' || longer.method !== 'btree' || shorter.condition !== '' || longer.condition !== '' || !longer.valid) return false;
  return shorter.keys.length < longer.keys.length && shorter.keys.every((k, i) => keyText(k) === keyText(longer.keys[i]!));
}

/**
 * Indexes to drop, with what each costs: duplicates (same keys, method, covering columns and
 * condition as one kept), prefix-redundant ones (a longer B-tree begins with their keys), and
 * those no plan of the workload reads once the recommendations are in (nor the usage statistics,
 * where the server counts them). Constraint and unique indexes enforce a rule and are never
 * proposed, nor the last index serving a foreign key. The read cost of a drop is measured by
 * hiding the index where the engine can; elsewhere it is zero when no plan reads it or a
 * duplicate offers the same plans, and not costed otherwise.
 */
export async function proposeDrops(input: DropInput): Promise<DropProposal[]> {
  const out: DropProposal[] = [];
  const dropped = new Set<string>();
  const usedBy = (name: string) => input.queries.filter((q) => input.plans.get(q.id)?.indexesUsed.includes(name)).map((q) => q.id);
  // Duplicates and prefixes first: they are redundant whatever the workload; then what no plan reads.
  for (const pass of ['structural', 'usage'] as const)
    for (const table of input.schema.tables) {
      const keyed = indexesOf(table);
      for (const [position, self] of keyed.entries()) {
        if (self.unique || self.constraint || !self.valid || dropped.has(self.name)) continue;
        const index = table.indexes.find((i) => i.name === self.name)!;
        const kept = (k: KeyedIndex) => k !== self && !dropped.has(k.name);
        const users = usedBy(self.name);
        const duplicate = pass === 'structural' ? keyed.slice(0, position).find((k) => kept(k) && signature(k) === signature(self)) : undefined;
        const longer = pass === 'structural' && !duplicate ? keyed.find((k) => kept(k) && isPrefixOf(self, k)) : undefined;
        const scanned = input.usageCounted && (index.stats?.scans ?? 0) > 0;
        const unused =
          pass === 'usage' &&
          users.length === 0 &&
          !scanned &&
          !lastForForeignKey(table, [...keyed, ...recommendedOn(table, input.recommended)], self, dropped);
        if (!duplicate && !longer && !unused) continue;
        const reason = duplicate ? 'duplicate' : longer ? 'prefix-redundant' : 'unused';
        const twin = (duplicate ?? longer)?.name;
        const { readCostIncrease, costBasis } = await readCost(input, index, users, reason, twin);
        const size = input.sizeOf(index);
        dropped.add(self.name);
        out.push({
          index: self.name,
          table: table.name,
          reason,
          ...(twin ? { twin } : {}),
          sql: dropIndexSql(table, self),
          bytes: size.bytes,
          bytesBasis: size.basis,
          upkeepSaved: input.upkeepOf(index),
          ...(readCostIncrease !== undefined ? { readCostIncrease } : {}),
          costBasis,
          usedBy: users,
        });
      }
    }
  return out;
}

async function readCost(
  input: DropInput,
  index: Index,
  users: readonly string[],
  reason: DropProposal['reason'],
  twin: string | undefined,
): Promise<{ readCostIncrease?: number; costBasis: string }> {
  if (input.canHide) {
    const touched = input.queries.filter((q) => q.shape.tables.some((t) => t.table === index.table));
    const without = await input.costs.plans(touched, input.recommended, [index]);
    const increase = touched.reduce((s, q) => s + q.weight * (without.get(q.id)!.cost - input.plans.get(q.id)!.cost), 0);
    return { readCostIncrease: Math.max(0, increase), costBasis: 'measured: the workload planned with the index hidden' };
  }
  if (users.length === 0) return { readCostIncrease: 0, costBasis: 'no plan of the workload reads it, so no plan changes without it' };
  if (reason === 'duplicate') return { readCostIncrease: 0, costBasis: `${twin} offers the same plans at the same cost` };
  return {
    costBasis: `not costed: the plans of ${users.join(', ')} read it, and hypopg 1.3 cannot hide an index to plan them without it; ${twin} serves the same lookups`,
  };
}

/** The recommended indexes of a table, as the index rules compare them: they serve foreign keys too. */
function recommendedOn(table: Table, recommended: readonly Index[]): KeyedIndex[] {
  return recommended
    .filter((i) => i.table === table.name)
    .map((i) => ({
      name: i.name,
      keys: i.keys,
      include: i.include,
      method: i.method,
      unique: false,
      condition: i.where.length ? JSON.stringify(i.where) : '',
      valid: true,
    }));
}

/** Every foreign key keeps one index its columns lead: the last one left is not dropped (deletes of the parent would scan). */
function lastForForeignKey(table: Table, keyed: readonly KeyedIndex[], self: KeyedIndex, dropped: ReadonlySet<string>): boolean {
  return table.foreignKeys.some(
    (fk) => coversLeading(self, fk.columns) && !keyed.some((k) => k !== self && !dropped.has(k.name) && coversLeading(k, fk.columns)),
  );
}
