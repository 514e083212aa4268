import type { Schema } from '../../src/model/schema.js';

/**
 * The bench's baseline: the differ a quick script would be. Each target table is looked up in the
 * source by a linear scan (O(n²) over tables), compared whole by JSON.stringify, and when it
 * differs its columns are matched the same way. It types nothing beyond added, dropped and
 * changed tables and columns, normalizes nothing (so a design and its database never agree) and
 * knows no renames: a floor for matching, not a differ.
 */
export function naiveDiff(from: Schema, to: Schema): string[] {
  const out: string[] = [];
  for (const b of to.tables) {
    const a = from.tables.find((t) => t.name === b.name && t.namespace === b.namespace);
    if (!a) {
      out.push(`add-table ${b.name}`);
      continue;
    }
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    for (const c of b.columns) {
      const old = a.columns.find((x) => x.name === c.name);
      if (!old) out.push(`add-column ${b.name}.${c.name}`);
      else if (JSON.stringify(old) !== JSON.stringify(c)) out.push(`alter-column ${b.name}.${c.name}`);
    }
    for (const c of a.columns) if (!b.columns.find((x) => x.name === c.name)) out.push(`drop-column ${b.name}.${c.name}`);
    if (
      JSON.stringify([a.primaryKey, a.uniques, a.foreignKeys, a.checks, a.indexes, a.rowSecurity]) !==
      JSON.stringify([b.primaryKey, b.uniques, b.foreignKeys, b.checks, b.indexes, b.rowSecurity])
    )
      out.push(`alter-table ${b.name}`);
  }
  for (const a of from.tables) if (!to.tables.find((t) => t.name === a.name && t.namespace === a.namespace)) out.push(`drop-table ${a.name}`);
  return out;
}
