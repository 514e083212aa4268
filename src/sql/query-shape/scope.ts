/**
 * Query blocks: one per SELECT/INSERT/UPDATE/DELETE body, holding its FROM items
 * (for column resolution) and its WITH names (for CTE lookup).
 */
import type { ColumnName, JoinType, ScopeKind } from './types.js';

/** Finer than ScopeKind: the kind decides the type of a correlation edge. */
export type BlockKind = 'main' | 'cte' | 'derived' | 'lateral' | 'scalar' | 'exists' | 'not-exists' | 'in' | 'not-in';

/** A FROM item: base table (`table` set), CTE reference or derived table. */
export interface Source {
  readonly alias: string;
  readonly table?: string;
  readonly schema?: string;
  /** Known output columns of a CTE/derived table. */
  readonly columns?: readonly string[];
}

export interface CteInfo {
  readonly columns?: readonly string[];
}

export interface Scope {
  readonly kind: BlockKind;
  /** The enclosing block for column resolution (outer query). */
  readonly parent: Scope | undefined;
  /** The enclosing block for CTE lookup (a derived table sees the WITH of its query but not its FROM). */
  readonly lexical: Scope | undefined;
  /** The CTE whose body this block is in, if any. */
  readonly cte: string | undefined;
  readonly sources: Source[];
  readonly ctes: Map<string, CteInfo>;
}

/** A resolved column: `depth` counts blocks outwards from where it was written. */
export interface Resolved {
  readonly name: ColumnName;
  readonly source?: Source;
  readonly depth: number;
}

export function newScope(kind: BlockKind, parent: Scope | undefined, lexical: Scope | undefined, cte?: string): Scope {
  return { kind, parent, lexical, cte: cte ?? lexical?.cte, sources: [], ctes: new Map() };
}

/** A nested block (subquery) that sees this block's FROM items and WITH names. */
export function childScope(scope: Scope, kind: BlockKind): Scope {
  return newScope(kind, scope, scope);
}

/** A block at the same level (the other arm of a UNION, the SELECT of an INSERT). */
export function siblingScope(scope: Scope): Scope {
  return newScope(scope.kind, scope.parent, scope);
}

export function findCte(scope: Scope, name: string): CteInfo | undefined {
  for (let s: Scope | undefined = scope; s; s = s.lexical) {
    const found = s.ctes.get(name);
    if (found) return found;
  }
  return undefined;
}

export function addSource(scope: Scope, source: Source): Source {
  scope.sources.push(source);
  return source;
}

/** Position of the column's FROM item in the block that owns it (for edge orientation). */
export function sourceOrder(scope: Scope, col: Resolved): number {
  let s: Scope | undefined = scope;
  for (let d = 0; d < col.depth && s; d++) s = s.parent;
  return s?.sources.indexOf(col.source as Source) ?? 0;
}

export function reportedScope(kind: BlockKind): ScopeKind {
  if (kind === 'main' || kind === 'cte' || kind === 'exists' || kind === 'not-exists') return kind;
  return 'subquery';
}

/** The join type of an equality between a block's column and an outer block's column. */
export function correlationType(kind: BlockKind): JoinType {
  if (kind === 'exists' || kind === 'in') return 'semi';
  if (kind === 'not-exists' || kind === 'not-in') return 'anti';
  if (kind === 'main' || kind === 'cte') return 'inner';
  return 'correlated';
}
