import type { Index, IndexKey, Table } from '../../../model/schema.js';

/** An index as the index rules compare them: a secondary index, or the one behind a primary key or unique constraint. */
export interface KeyedIndex {
  readonly name: string;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  readonly method: Index['method'];
  readonly unique: boolean;
  /** `primary-key` or `unique`: it backs a constraint, and goes only with the constraint. */
  readonly constraint?: 'primary-key' | 'unique';
  /** The partial index's condition, as one text (empty for a full index). */
  readonly condition: string;
  readonly valid: boolean;
}

const conditionOf = (index: Index): string => index.predicate ?? (index.where.length ? JSON.stringify(index.where) : '');

/**
 * The table's indexes, constraint-backed ones first (primary key, unique constraints, then unique
 * and other indexes, each group in catalog order). A constraint's index is added when the
 * introspection does not list it among the indexes under the constraint's name.
 */
export function indexesOf(table: Table): KeyedIndex[] {
  const listed = new Map(table.indexes.map((i) => [i.name, i]));
  const constraintIndex = (name: string, columns: readonly string[], constraint: 'primary-key' | 'unique'): KeyedIndex => {
    const index = listed.get(name);
    return {
      name,
      keys: index?.keys ?? columns.map((column) => ({ column })),
      include: index?.include ?? [],
      method: 'btree',
      unique: true,
      constraint,
      condition: '',
      valid: index?.valid !== false,
    };
  };
  const constraints = [
    ...(table.primaryKey.columns.length ? [constraintIndex(table.primaryKey.name, table.primaryKey.columns, 'primary-key')] : []),
    ...table.uniques.map((u) => constraintIndex(u.name, u.columns, 'unique')),
  ];
  const taken = new Set(constraints.map((c) => c.name));
  const others = table.indexes
    .filter((i) => !taken.has(i.name))
    .map((i) => ({ name: i.name, keys: i.keys, include: i.include, method: i.method, unique: i.unique, condition: conditionOf(i), valid: i.valid !== false }));
  return [...constraints, ...others.filter((i) => i.unique), ...others.filter((i) => !i.unique)];
}

/** One key as text, so keys compare by value: the column or expression, its order and operator class. */
export const keyText = (key: IndexKey): string => `${key.column ?? `(${key.expression ?? ''})`} ${key.order ?? 'asc'} ${key.opclass ?? ''}`.trim();

/** The keys as a reader sees them: `(customer_id, created_at desc)`. */
export const keysLabel = (keys: readonly IndexKey[]): string =>
  `(${keys.map((k) => `${k.column ?? k.expression ?? ''}${k.order === 'desc' ? ' desc' : ''}`).join(', ')})`;

/** The index rows can be looked up through by these columns (a B-tree on them first, any order among them, full and valid). */
export function coversLeading(index: KeyedIndex, columns: readonly string[]): boolean {
  if (index.method !== 'btree' || index.condition !== '' || !index.valid || index.keys.length < columns.length) return false;
  const leading = index.keys.slice(0, columns.length).map((k) => k.column);
  return columns.every((c) => leading.includes(c));
}
