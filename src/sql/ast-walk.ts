/**
 * A tiny generic walker over libpg_query's JSON AST.
 *
 * In that AST a node is wrapped as `{ TypeName: body }` (one PascalCase key),
 * while embedded structs (a RangeVar under `relation`, the `larg` of a set
 * operation, a TypeName under `typeName`) appear unwrapped. The walker visits
 * wrapped nodes and descends through everything else, so callers can find
 * e.g. every ColumnRef under an expression without knowing each node's fields.
 */
import type { Node } from 'libpg-query';

/** The wrapper key of a node, e.g. 'A_Expr' for `{ A_Expr: {...} }`. */
export type NodeTag = KeysOfUnion<Node> & string;
type KeysOfUnion<T> = T extends T ? keyof T : never;

/** Return `false` to skip the node's children; anything else continues. */
export type NodeVisitor = (node: Node, tag: NodeTag) => boolean | void;

/** The tag of a wrapped node, or undefined for anything else. */
export function nodeTag(value: unknown): NodeTag | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const body = (value as Record<string, unknown>)[key];
  // Node wrappers are PascalCase type names; struct fields are lowercase.
  if (!/^[A-Z]/.test(key) || typeof body !== 'object' || body === null) return undefined;
  return key as NodeTag;
}

/** Pre-order, depth-first, in key order (so in source order for lists). */
export function walkNodes(root: unknown, visit: NodeVisitor): void {
  if (Array.isArray(root)) {
    for (const item of root) walkNodes(item, visit);
    return;
  }
  if (typeof root !== 'object' || root === null) return;
  const tag = nodeTag(root);
  let body: unknown = root;
  if (tag !== undefined) {
    if (visit(root as Node, tag) === false) return;
    body = (root as Record<string, unknown>)[tag];
  }
  for (const value of Object.values(body as Record<string, unknown>)) walkNodes(value, visit);
}
