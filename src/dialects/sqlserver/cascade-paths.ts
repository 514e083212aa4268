/**
 * SQL Server rejects a foreign key whose cascading action (CASCADE, SET NULL, SET DEFAULT) would make
 * a second cascade path between two tables or a cycle (error 1785), a self reference included.
 * Edges are added in the order the script creates the keys; each says whether it was accepted.
 */
export class CascadeGraph {
  private readonly children = new Map<string, Set<string>>();
  private readonly parents = new Map<string, Set<string>>();

  /**
   * Adds parent -> child if SQL Server accepts it; otherwise leaves the graph as it was and returns
   * the path that already joins the two tables (or the cycle) for the message.
   */
  add(parent: string, child: string): { readonly accepted: true } | { readonly accepted: false; readonly conflict: string } {
    if (parent === child) return { accepted: false, conflict: `${parent} references itself` };
    for (const a of this.closure(parent, this.parents)) {
      for (const d of this.closure(child, this.children)) {
        if (a === d) return { accepted: false, conflict: `${child} already cascades to ${parent} (a cycle)` };
        const path = this.path(a, d);
        if (path) return { accepted: false, conflict: `${path.join(' -> ')} already cascades` };
      }
    }
    this.link(this.children, parent, child);
    this.link(this.parents, child, parent);
    return { accepted: true };
  }

  private link(map: Map<string, Set<string>>, from: string, to: string): void {
    if (!map.has(from)) map.set(from, new Set());
    map.get(from)!.add(to);
  }

  /** The table and every table reachable from it along `map`, in a stable order. */
  private closure(start: string, map: Map<string, Set<string>>): string[] {
    const seen = [start];
    for (let i = 0; i < seen.length; i++) for (const next of map.get(seen[i]!) ?? []) if (!seen.includes(next)) seen.push(next);
    return seen;
  }

  /** A cascade path from `from` to `to` of at least one edge, if there is one. */
  private path(from: string, to: string): string[] | undefined {
    const previous = new Map<string, string>();
    const queue = [from];
    while (queue.length) {
      const at = queue.shift()!;
      for (const next of this.children.get(at) ?? []) {
        if (previous.has(next)) continue;
        previous.set(next, at);
        if (next === to) {
          const path = [to];
          while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
          return path;
        }
        queue.push(next);
      }
    }
    return undefined;
  }
}
