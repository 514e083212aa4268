import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { dropIndexSql } from './support/drop-index.js';
import { helpWithSql } from './support/fix-sql.js';
import { indexesOf, type KeyedIndex, keysLabel, keyText } from './support/indexes.js';
import { tableLabel } from './support/names.js';

/** Two indexes with this signature hold the same entries and serve the same lookups. */
const signature = (i: KeyedIndex): string => JSON.stringify([i.method, i.keys.map(keyText), [...i.include].sort(), i.condition]);

export const duplicateIndex: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'duplicate-index',
    code: 'audit/duplicate-index',
    severity: 'warning',
    summary: 'Two indexes of a table have the same keys, method, included columns and condition.',
    why: 'The second serves no lookup the first does not, yet every insert, every update of its columns and every vacuum maintains it, and it takes space on disk and in the cache.',
    help: 'Drop the duplicate; keep the one that backs a constraint or is unique.',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) => {
      // indexesOf lists constraint-backed and unique indexes first: the first of a signature is the one to keep.
      const kept = new Map<string, KeyedIndex>();
      return indexesOf(table).flatMap((index) => {
        const keep = kept.get(signature(index));
        if (!keep) {
          kept.set(signature(index), index);
          return [];
        }
        return [
          {
            ...declaredAt(locations, table),
            message: `index \`${index.name}\` on \`${tableLabel(table)}\` ${keysLabel(index.keys)} duplicates \`${keep.name}\``,
            help: helpWithSql(`drop \`${index.name}\` and keep \`${keep.name}\``, [dropIndexSql(table, index)]),
          },
        ];
      });
    }),
};
