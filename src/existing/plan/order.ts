import { type Change, tableKey } from '../../model/change.js';
import type { Table } from '../../model/schema.js';

/**
 * Where each kind of change goes within its phase: what others depend on first (types, then tables,
 * then columns, then the rules over them), removals in the opposite order. A change's own steps keep
 * their order, across phases too.
 */
const PRIORITY: Readonly<Record<Change['kind'], number>> = {
  'add-enum': 0,
  'add-enum-value': 1,
  'add-table': 2,
  'rename-table': 3,
  'add-column': 4,
  'rename-column': 5,
  'alter-column-default': 6,
  'alter-column-nullability': 7,
  'alter-column-type': 8,
  'replace-enum': 9,
  'add-constraint': 10,
  'add-index': 11,
  'alter-row-security': 12,
  'add-policy': 13,
  'add-native': 14,
  'drop-native': 15,
  'drop-policy': 16,
  'drop-index': 17,
  'drop-constraint': 18,
  'drop-column': 19,
  'drop-table': 20,
  'drop-enum': 21,
};

export const priorityOf = (change: Change): number => PRIORITY[change.kind];

/**
 * Added tables ordered so a table comes after the tables it references (dropped ones the other way
 * round); a cycle keeps the differ's order for the tables in it.
 */
export function dependencyRank(changes: readonly Change[]): Map<number, number> {
  const rank = new Map<number, number>();
  const rankTables = (kind: 'add-table' | 'drop-table') => {
    const entries = changes.flatMap((c, i) => (c.kind === kind ? [{ i, table: c.table }] : []));
    const order = topological(entries.map((e) => e.table));
    const position = new Map(order.map((t, n) => [tableKey(t), n]));
    for (const e of entries) {
      const n = position.get(tableKey(e.table))!;
      rank.set(e.i, kind === 'add-table' ? n : order.length - n);
    }
  };
  rankTables('add-table');
  rankTables('drop-table');
  return rank;
}

function topological(tables: readonly Table[]): Table[] {
  const names = new Set(tables.map((t) => t.name));
  const done = new Set<string>();
  const remaining = [...tables];
  const out: Table[] = [];
  while (remaining.length) {
    const ready = remaining.findIndex((t) => t.foreignKeys.every((fk) => fk.refTable === t.name || done.has(fk.refTable) || !names.has(fk.refTable)));
    const [next] = remaining.splice(ready >= 0 ? ready : 0, 1);
    out.push(next!);
    done.add(next!.name);
  }
  return out;
}
