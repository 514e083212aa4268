import type { Table } from '../../model/schema.js';

/**
 * Tables with the tables they reference first (parents before children), alphabetical among
 * equals; a cycle is broken at its alphabetically first table. The foreign keys are added after
 * the copy, so the order only makes the copy read parents first.
 */
export function dependencyOrder(tables: readonly Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const remaining = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const done = new Set<string>();
  const out: Table[] = [];
  while (remaining.length > 0) {
    const ready = remaining.findIndex((t) => t.foreignKeys.every((fk) => fk.refTable === t.name || done.has(fk.refTable) || !byName.has(fk.refTable)));
    const [next] = remaining.splice(ready >= 0 ? ready : 0, 1);
    out.push(next!);
    done.add(next!.name);
  }
  return out;
}
