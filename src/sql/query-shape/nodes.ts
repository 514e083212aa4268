/** Small readers over libpg_query AST nodes, shared by the extraction and the printer. */
import type { ColumnRef, FuncCall, Node, ResTarget } from 'libpg-query';
import { walkNodes } from '../ast-walk.js';

/** Drops undefined-valued keys so shapes compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

export function stringValues(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
}

export function operatorName(name: Node[] | undefined): string {
  return stringValues(name).at(-1) ?? '';
}

export function functionName(call: FuncCall): string {
  return stringValues(call.funcname).at(-1) ?? '';
}

export function firstFunctionName(functions: Node[] | undefined): string | undefined {
  let name: string | undefined;
  walkNodes(functions, (node) => {
    if (name !== undefined) return false;
    if ('FuncCall' in node) name = functionName(node.FuncCall);
    return name === undefined;
  });
  return name;
}

export function resTargets(list: Node[] | undefined): ResTarget[] {
  return (list ?? []).flatMap((n) => ('ResTarget' in n ? [n.ResTarget] : []));
}

/** `SET (a, b) = (...)` repeats the source for every column: walk it once. */
export function assignedValue(target: ResTarget): Node | undefined {
  const val = target.val;
  if (val && 'MultiAssignRef' in val) return val.MultiAssignRef.colno === 1 ? val.MultiAssignRef.source : undefined;
  return val;
}

export function aliasColumns(colnames: Node[] | undefined): readonly string[] | undefined {
  return colnames && colnames.length > 0 ? stringValues(colnames) : undefined;
}

export function isStar(ref: ColumnRef): boolean {
  return (ref.fields ?? []).some((f) => 'A_Star' in f);
}

export function containsSubLink(node: Node): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if ('SubLink' in n) found = true;
    return !found;
  });
  return found;
}

/** `ORDER BY 2` / `GROUP BY 2`: the ordinal, else undefined. */
export function ordinalOf(node: Node | undefined): number | undefined {
  if (!node || !('A_Const' in node) || !node.A_Const.ival) return undefined;
  return node.A_Const.ival.ival ?? 0;
}

/** The smallest byte offset under the node (many nodes have no location of their own). */
export function locationOf(node: unknown): number {
  let min = Number.POSITIVE_INFINITY;
  walkNodes(node, (n) => {
    const loc = (Object.values(n)[0] as { location?: unknown }).location;
    if (typeof loc === 'number' && loc >= 0 && loc < min) min = loc;
  });
  return Number.isFinite(min) ? min : 0;
}

export function maxLocation(node: unknown): number {
  let max = 0;
  walkNodes(node, (n) => {
    const loc = (Object.values(n)[0] as { location?: unknown }).location;
    if (typeof loc === 'number' && loc > max) max = loc;
  });
  return max;
}
