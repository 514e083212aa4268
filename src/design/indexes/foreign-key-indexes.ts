import { formatCount } from '../../format.js';
import type { Decision } from '../../model/decision.js';
import { derivedName } from '../../model/naming.js';
import { leadingColumns, type Index, type Schema, type Table } from '../../model/schema.js';

/** An index serves a foreign key when the key's columns are its leading columns, in any order. */
export function servesColumns(leading: readonly string[], columns: readonly string[]): boolean {
  if (leading.length < columns.length) return false;
  const prefix = leading.slice(0, columns.length);
  return columns.every((c) => prefix.includes(c));
}

function indexedPrefixes(table: Table): string[][] {
  return [
    table.primaryKey.columns,
    ...table.uniques.map((u) => u.columns),
    ...table.indexes.filter((i) => i.where.length === 0 && i.method === 'btree').map(leadingColumns),
  ];
}

/**
 * rule:fk-index. PostgreSQL does not index the referencing side of a foreign key. Without one,
 * every delete or key update of a parent row scans the child table, and joins from the parent
 * cannot use an index. Adds a B-tree on each foreign key that no key or index already leads with.
 */
export function deriveForeignKeyIndexes(schema: Schema): { schema: Schema; decisions: Decision[] } {
  const decisions: Decision[] = [];
  const tables = schema.tables.map((table) => {
    const indexes: Index[] = [...table.indexes];
    for (const fk of table.foreignKeys) {
      const existing = [...indexedPrefixes(table), ...indexes.filter((i) => i.where.length === 0 && i.method === 'btree').map(leadingColumns)];
      const server = existing.find((cols) => servesColumns(cols, fk.columns));
      if (server) continue;
      const index: Index = {
        name: derivedName(table.name, fk.columns, 'idx'),
        table: table.name,
        keys: fk.columns.map((column) => ({ column })),
        include: [],
        where: [],
        method: 'btree',
        unique: false,
        reason: `foreign-key ${fk.name}`,
      };
      indexes.push(index);
      decisions.push({
        id: `indexes/${index.name}`,
        area: 'indexes',
        title: `Index the foreign key ${table.name}(${fk.columns.join(', ')})`,
        choice: `B-tree on ${table.name}(${fk.columns.join(', ')})`,
        rationale: [
          `Deleting or re-keying a \`${fk.refTable}\` row checks \`${table.name}\` for references${fk.onDelete === 'cascade' ? ' and deletes them' : ''}; without this index each such check scans the whole table.`,
          `Joins from \`${fk.refTable}\` to \`${table.name}\` can start from the parent row.`,
        ],
        alternatives: [
          {
            option: 'no index',
            rejectedBecause: `a sequential scan of ${table.name} per parent delete${table.volume ? ` (${formatCount(table.volume.rows)} rows now)` : ''}`,
          },
        ],
        evidence: [
          {
            tier: 'derived',
            source: 'rule:fk-index',
            detail: `foreign key ${fk.name} -> ${fk.refTable}(${fk.refColumns.join(', ')}) is not the leading part of any key or index`,
          },
        ],
        patterns: [],
      });
    }
    return { ...table, indexes };
  });
  return { schema: { ...schema, tables }, decisions };
}
