import { formatCount } from '../../format.js';
import type { Decision } from '../../model/decision.js';
import { derivedName } from '../../model/naming.js';
import { leadingColumns, type Index, type Schema, type Table } from '../../model/schema.js';
import { RETENTION_BATCH_ROWS, retentionColumn } from './retention-column.js';

/** The key or index a retention batch can range-scan: a full B-tree whose first key is the time column. */
export function indexLeadingWith(table: Table, column: string): string | undefined {
  const keys = [table.primaryKey, ...table.uniques].find((k) => k.columns[0] === column);
  return keys?.name ?? table.indexes.find((i) => i.method === 'btree' && i.where.length === 0 && leadingColumns(i)[0] === column)?.name;
}

/**
 * rule:retention-index. A batched retention delete asks for "some rows older than the cutoff" every
 * minute; without an index leading with the time column each batch scans the table (and on a large
 * table, the whole table, since expired rows are few). Partitioned tables drop whole partitions and
 * need none. A B-tree, not a BRIN: deleted rows free space that new rows reuse, so the heap loses
 * its time order and a BRIN's block ranges would widen until they match every block.
 */
export function deriveRetentionIndexes(schema: Schema): { schema: Schema; decisions: Decision[] } {
  const decisions: Decision[] = [];
  const tables = schema.tables.map((table): Table => {
    if (table.volume?.retentionSeconds === undefined || table.partitioning) return table;
    const column = retentionColumn(table);
    if (!column || indexLeadingWith(table, column)) return table;
    const index: Index = {
      name: derivedName(table.name, [column], 'idx'),
      table: table.name,
      keys: [{ column }],
      include: [],
      where: [],
      method: 'btree',
      unique: false,
      reason: `retention of ${table.name} on ${column}`,
    };
    const days = Math.round(table.volume.retentionSeconds / 86_400);
    decisions.push({
      id: `indexes/${index.name}`,
      area: 'indexes',
      title: `Index ${table.name}(${column}) for its retention job`,
      choice: `B-tree on ${table.name}(${column})`,
      rationale: [
        `The retention job deletes rows older than ${days} days in batches of ${formatCount(RETENTION_BATCH_ROWS)}; each batch finds its rows by \`${column} < cutoff\`, which only an index leading with ${column} answers without a scan.`,
        `No existing index leads with ${column}${table.indexes.some((i) => i.keys.some((k) => k.column === column)) ? ' (the ones that contain it start with other columns or are partial)' : ''}.`,
        'A B-tree rather than a BRIN: retention frees old pages that new rows then fill, so the table loses its time order and a BRIN would soon match every block.',
      ],
      alternatives: [
        {
          option: 'no index',
          rejectedBecause: `every batch would scan ${table.name}${table.volume.rows ? ` (${formatCount(table.volume.rows)} rows now)` : ''} to find a few expired rows`,
        },
        { option: `BRIN on ${column}`, rejectedBecause: 'its block ranges widen as deleted space is reused by new rows' },
      ],
      evidence: [{ tier: 'derived', source: 'rule:retention-index', detail: `retention ${days} days on ${column}; no full B-tree leads with it` }],
      patterns: [],
    });
    return { ...table, indexes: [...table.indexes, index] };
  });
  return { schema: { ...schema, tables }, decisions };
}
