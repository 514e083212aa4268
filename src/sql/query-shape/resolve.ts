/** Column resolution: which FROM item, in which block, a column reference names. */
import type { ColumnRef, Node } from 'libpg-query';
import { walkNodes } from '../ast-walk.js';
import type { ShapeContext } from './context.js';
import { compact, containsSubLink } from './nodes.js';
import { printExpr } from './print-expr.js';
import type { Resolved, Scope, Source } from './scope.js';
import type { BoundColumn } from './types.js';

/** One side of a comparison: a column, an expression over exactly one column, or a value. */
export type Side =
  | { readonly kind: 'column'; readonly col: Resolved }
  | { readonly kind: 'expression'; readonly col: Resolved; readonly text: string }
  | { readonly kind: 'value' };

export type ColumnSide = Exclude<Side, { kind: 'value' }>;

export function bound(source: Source, column: string): BoundColumn {
  return compact({ alias: source.alias, table: source.table, column });
}

export function resolve(ctx: ShapeContext, ref: ColumnRef, scope: Scope): Resolved | undefined {
  const names = (ref.fields ?? []).map((f) => ('String' in f ? (f.String.sval ?? '') : undefined));
  const column = names[names.length - 1];
  if (column === undefined || names.some((n) => n === undefined)) return undefined; // a star
  if (names.length === 1) return resolveBare(ctx, column, scope);
  const qualifier = names[names.length - 2] as string;
  const schema = names.length >= 3 ? names[names.length - 3] : undefined;
  let depth = 0;
  for (let s: Scope | undefined = scope; s; s = s.parent, depth++) {
    const source = s.sources.find((src) => src.alias === qualifier && (schema === undefined || src.schema === undefined || src.schema === schema));
    if (source) return { name: bound(source, column), source, depth };
  }
  return { name: { alias: qualifier, column }, depth: 0 };
}

/** The only FROM item of the nearest block that could own the column; outer blocks when none here can. */
function resolveBare(ctx: ShapeContext, column: string, scope: Scope): Resolved {
  let depth = 0;
  for (let s: Scope | undefined = scope; s; s = s.parent, depth++) {
    const candidates = s.sources.filter((src) => couldOwn(ctx, src, column) !== 'no');
    const [only] = candidates;
    if (only && candidates.length === 1) return { name: bound(only, column), source: only, depth };
    if (candidates.length > 1) break;
  }
  return { name: { column }, depth: 0 };
}

export function couldOwn(ctx: ShapeContext, source: Source, column: string): 'yes' | 'no' | 'maybe' {
  const known = source.table !== undefined ? ctx.resolver?.(source.table) : source.columns;
  if (known === undefined) return 'maybe';
  return known.includes(column) ? 'yes' : 'no';
}

/** The one source among `sources` that could have the column, if exactly one could. */
export function soleOwner(ctx: ShapeContext, column: string, sources: readonly Source[]): Source | undefined {
  const candidates = sources.filter((s) => couldOwn(ctx, s, column) !== 'no');
  return candidates.length === 1 ? candidates[0] : undefined;
}

export function side(ctx: ShapeContext, node: Node | undefined, scope: Scope): Side {
  if (!node) return { kind: 'value' };
  if ('ColumnRef' in node) {
    const col = resolve(ctx, node.ColumnRef, scope);
    return col ? { kind: 'column', col } : { kind: 'value' };
  }
  if (containsSubLink(node)) return { kind: 'value' };
  const cols = columnsIn(ctx, node, scope);
  const [only] = cols;
  if (only && cols.length === 1) return { kind: 'expression', col: only, text: printExpr(node, { bare: true }) };
  return { kind: 'value' };
}

/** Distinct columns referenced by an expression, outside subqueries, in source order. */
export function columnsIn(ctx: ShapeContext, node: unknown, scope: Scope): Resolved[] {
  const seen = new Map<string, Resolved>();
  walkNodes(node, (n) => {
    if ('SubLink' in n) return false;
    if (!('ColumnRef' in n)) return true;
    const col = resolve(ctx, n.ColumnRef, scope);
    const key = `${col?.name.alias ?? ''}.${col?.name.column ?? ''}`;
    if (col && !seen.has(key)) seen.set(key, col);
    return false;
  });
  return [...seen.values()];
}
