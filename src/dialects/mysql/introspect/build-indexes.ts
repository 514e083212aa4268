import type { Index, NativeObject, Table } from '../../../model/schema.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import type { MysqlFlavor } from '../session.js';
import type { IndexPartRow } from './indexes.js';
import { byName } from './keys.js';
import type { ServerStatistics } from './statistics.js';

/**
 * A table's indexes as the model has them: PRIMARY is the primary key; a unique index over whole
 * columns is a unique constraint (MySQL has no other kind); FULLTEXT and SPATIAL indexes are native
 * objects; the rest are indexes, with prefix and functional key parts as expressions. An ignored
 * (MariaDB) or invisible (MySQL) index is noted as a native object beside it.
 */
export function buildIndexes(key: string, allParts: readonly IndexPartRow[], tableName: string, flavor: MysqlFlavor, stats: ServerStatistics) {
  const byIndex = new Map<string, IndexPartRow[]>();
  for (const part of allParts) byIndex.set(part.name, [...(byIndex.get(part.name) ?? []), part]);
  let primaryKey: Table['primaryKey'] = { name: '', columns: [] };
  const uniques: Table['uniques'] = [];
  const indexes: Index[] = [];
  const indexNative: Omit<NativeObject, 'table' | 'dialect'>[] = [];
  for (const name of [...byIndex.keys()].sort(byName)) {
    const parts = byIndex.get(name)!.sort((a, b) => a.position - b.position);
    const type = parts[0]!.indexType.toUpperCase();
    const unique = Number(parts[0]!.nonUnique) === 0;
    const plain = parts.every((p) => p.columnName && p.subPart === null && !p.expression && p.collation !== 'D');
    if (Number(parts[0]!.ignored) === 1) {
      indexNative.push({
        kind: 'index-option',
        name,
        sql: `ALTER TABLE ${q(tableName)} ALTER INDEX ${q(name)} ${flavor === 'mariadb' ? 'IGNORED' : 'INVISIBLE'}`,
        reason: 'the optimizer ignores this index while writes keep it up to date: the model has no ignored or invisible indexes',
      });
    }
    if (name === 'PRIMARY') {
      primaryKey = { name, columns: parts.map((p) => p.columnName ?? '') };
    } else if (type === 'FULLTEXT' || type === 'SPATIAL' || type === 'RTREE') {
      // The model's index methods are PostgreSQL's access methods; full-text and R-tree indexes are other structures.
      indexNative.push({
        kind: 'index',
        name,
        sql: `CREATE ${type === 'FULLTEXT' ? 'FULLTEXT' : 'SPATIAL'} INDEX ${q(name)} ON ${q(tableName)} (${parts.map((p) => q(p.columnName ?? '')).join(', ')})`,
        reason: `a ${type} index: the model's index methods have no full-text or R-tree index`,
      });
    } else if (unique && plain) {
      uniques.push({ name, columns: parts.map((p) => p.columnName!) });
    } else {
      const bytes = stats.indexBytes?.get(key)?.get(name);
      indexes.push({
        name,
        table: tableName,
        keys: parts.map((p) => ({
          // A prefix key part indexes the first SUB_PART characters: an expression over the column, written as MySQL does.
          ...(p.expression
            ? { expression: p.expression }
            : p.subPart !== null
              ? { expression: `${q(p.columnName ?? '')}(${p.subPart})` }
              : { column: p.columnName ?? '' }),
          ...(p.collation === 'D' ? { order: 'desc' as const } : {}),
        })),
        include: [],
        where: [],
        method: type === 'HASH' ? 'hash' : 'btree',
        unique,
        // Sizes need InnoDB's statistics; uses need performance_schema, and without it nothing counts them: null, never a 0 that reads as unused.
        ...(bytes === undefined ? {} : { stats: { scans: stats.indexUses ? (stats.indexUses.get(key)?.get(name) ?? 0) : null, bytes } }),
        reason: 'introspected',
      });
    }
  }
  return { primaryKey, uniques, indexes, indexNative };
}
