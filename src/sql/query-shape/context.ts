/**
 * The one object every extraction function works on: the caller's column resolver and
 * the lists of facts found so far. Each fact carries its byte offset, because the walk
 * visits clauses out of source order (FROM before the select list, for one).
 */
import type { ColumnPredicate, ColumnResolver, JoinEdge, TableRef } from './types.js';

export interface Positioned<T> {
  readonly pos: number;
  readonly item: T;
}

export interface ShapeContext {
  readonly resolver: ColumnResolver | undefined;
  readonly tables: Positioned<TableRef>[];
  readonly predicates: Positioned<ColumnPredicate>[];
  readonly joins: Positioned<JoinEdge>[];
  readonly ctes: Positioned<string>[];
}

export function newShapeContext(resolver: ColumnResolver | undefined): ShapeContext {
  return { resolver, tables: [], predicates: [], joins: [], ctes: [] };
}

/** The statement-wide lists of the shape, in source order. */
export function collected(ctx: ShapeContext) {
  return {
    tables: inSourceOrder(ctx.tables),
    predicates: inSourceOrder(ctx.predicates),
    joins: inSourceOrder(ctx.joins),
    ctes: inSourceOrder(ctx.ctes),
  };
}

function inSourceOrder<T>(items: readonly Positioned<T>[]): T[] {
  return [...items].sort((a, b) => a.pos - b.pos).map((p) => p.item); // Array#sort is stable
}
