import type { IndexCondition, IndexKey } from '../../model/schema.js';

/** The part of an index that decides what it can serve. */
export interface IndexShape {
  readonly keys: readonly IndexKey[];
  readonly equalityCount: number;
  readonly where: readonly IndexCondition[];
  readonly method: string;
}

const keyId = (k: IndexKey) => k.column ?? `(${k.expression})`;

/**
 * Whether `existing` serves every lookup `wanted` does: same method and partial condition, the
 * wanted equality columns (in any order) lead it, and the wanted sort/range keys follow in order
 * (a B-tree reads backwards too, so a uniform flip of directions is the same order).
 */
export function serves(existing: IndexShape, wanted: IndexShape): boolean {
  if (existing.method !== wanted.method || existing.keys.length < wanted.keys.length) return false;
  if (JSON.stringify(existing.where) !== JSON.stringify(wanted.where)) return false;
  const eq = wanted.keys.slice(0, wanted.equalityCount).map(keyId);
  const lead = existing.keys.slice(0, eq.length).map(keyId);
  if (!eq.every((k) => lead.includes(k))) return false;
  const rest = wanted.keys.slice(eq.length);
  const next = existing.keys.slice(eq.length, eq.length + rest.length);
  if (!rest.every((k, i) => keyId(k) === keyId(next[i]!))) return false;
  const flips = rest.map((k, i) => (k.order ?? 'asc') !== (next[i]!.order ?? 'asc'));
  return flips.every((f) => f) || flips.every((f) => !f);
}

/** A constraint's columns seen as a plain B-tree of equalities. */
export function constraintShape(columns: readonly string[]): IndexShape {
  return { keys: columns.map((column) => ({ column })), equalityCount: 0, where: [], method: 'btree' };
}
