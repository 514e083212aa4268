import type { Table } from './schema.js';

/**
 * Foreign keys that must be deferrable: required references that lie on a cycle of required
 * references (a self reference included). Rows on such a cycle can only be inserted together,
 * in one transaction, with the check at commit. Tarjan's strongly connected components.
 */
export function deferrableForeignKeys(tables: readonly Table[]): Set<string> {
  const required = (table: Table, columns: readonly string[]) => columns.every((name) => table.columns.find((c) => c.name === name)?.nullable === false);
  const edges = new Map<string, { target: string; fk: string }[]>();
  for (const table of tables) {
    edges.set(
      table.name,
      table.foreignKeys.filter((fk) => required(table, fk.columns)).map((fk) => ({ target: fk.refTable, fk: fk.name })),
    );
  }

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const { target } of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.set(member, components);
      } while (member !== node);
      components++;
    }
  };
  for (const table of tables) if (!index.has(table.name)) visit(table.name);

  const deferrable = new Set<string>();
  for (const [source, list] of edges) {
    for (const { target, fk } of list) {
      if (component.get(source) === component.get(target)) deferrable.add(`${source}.${fk}`);
    }
  }
  return deferrable;
}
