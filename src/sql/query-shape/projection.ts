/** Select lists and RETURNING lists: what each entry uses and what it is called. */
import type { Node, ResTarget } from 'libpg-query';
import type { TargetInfo } from './block-facts.js';
import type { ShapeContext } from './context.js';
import { compact, functionName, isStar, resTargets, stringValues } from './nodes.js';
import { printExpr } from './print-expr.js';
import { columnsIn, resolve } from './resolve.js';
import type { Scope } from './scope.js';
import { subqueries } from './subqueries.js';
import type { ColumnUse, ProjectedItem } from './types.js';

export function targetInfo(ctx: ShapeContext, target: ResTarget, scope: Scope): TargetInfo {
  const node = target.val;
  const star = node !== undefined && 'ColumnRef' in node && isStar(node.ColumnRef);
  const column = node && 'ColumnRef' in node && !star ? resolve(ctx, node.ColumnRef, scope) : undefined;
  const use: ProjectedItem = star ? starUse(node, scope) : compact({ ...columnUse(ctx, node, scope), name: target.name });
  return compact({ use, column, explicitName: target.name, outputName: target.name ?? outputName(node), star });
}

/** A RETURNING list: its subqueries are walked, then each entry described. */
export function projection(ctx: ShapeContext, list: Node[] | undefined, scope: Scope): TargetInfo[] {
  const targets = resTargets(list);
  for (const t of targets) subqueries(ctx, t.val, scope);
  return targets.map((t) => targetInfo(ctx, t, scope));
}

function starUse(node: Node | undefined, scope: Scope): ProjectedItem {
  const fields = node && 'ColumnRef' in node ? (node.ColumnRef.fields ?? []) : [];
  const qualifier = stringValues(fields).at(-1);
  if (qualifier === undefined) return { star: true };
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const source = s.sources.find((src) => src.alias === qualifier);
    if (source) return compact({ alias: source.alias, table: source.table, star: true as const });
  }
  return { alias: qualifier, star: true };
}

/** A column, an expression over one column (printed bare), or an expression over several. */
export function columnUse(ctx: ShapeContext, node: Node | undefined, scope: Scope): ColumnUse {
  if (!node) return {};
  if ('ColumnRef' in node) {
    const col = resolve(ctx, node.ColumnRef, scope);
    if (col) return col.name;
  }
  const cols = columnsIn(ctx, node, scope);
  const [only] = cols;
  if (only && cols.length === 1) return { ...only.name, expression: printExpr(node, { bare: true }) };
  return compact({ expression: printExpr(node), refs: cols.length > 0 ? cols.map((c) => c.name) : undefined });
}

/** The select-list entry whose AS name a bare identifier matches. */
export function targetNamed(node: Node | undefined, targets: readonly TargetInfo[]): TargetInfo | undefined {
  if (!node || !('ColumnRef' in node)) return undefined;
  const fields = node.ColumnRef.fields ?? [];
  const [only] = stringValues(fields);
  if (fields.length !== 1 || only === undefined) return undefined;
  return targets.find((t) => t.explicitName === only && !t.star);
}

export function withoutName(use: ProjectedItem): ColumnUse {
  const { name: _name, star: _star, ...rest } = use;
  return rest;
}

/** The column name PostgreSQL gives an unnamed select-list entry. */
function outputName(node: Node | undefined): string {
  if (!node) return '?column?';
  if ('ColumnRef' in node) return stringValues(node.ColumnRef.fields).at(-1) ?? '?column?';
  if ('FuncCall' in node) return functionName(node.FuncCall);
  if ('TypeCast' in node) {
    const inner = outputName(node.TypeCast.arg);
    return inner !== '?column?' ? inner : (stringValues(node.TypeCast.typeName?.names).at(-1) ?? inner);
  }
  return '?column?';
}
