import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { dropIndexSql } from './support/drop-index.js';
import { helpWithSql } from './support/fix-sql.js';
import { indexesOf, type KeyedIndex, keysLabel, keyText } from './support/indexes.js';
import { tableLabel } from './support/names.js';

/** `longer` serves every lookup `shorter` does: both full, valid B-trees, and `shorter`'s keys begin `longer`'s. */
function isPrefixOf(shorter: KeyedIndex, longer: KeyedIndex): boolean {
  if (shorter.method !== 'btree' || longer.method !== 'btree' || shorter.condition !== '' || longer.condition !== '' || !longer.valid) return false;
  if (shorter.keys.length >= longer.keys.length) return false;
  return shorter.keys.every((k, i) => keyText(k) === keyText(longer.keys[i]!));
}

export const redundantPrefixIndex: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'redundant-prefix-index',
    code: 'audit/redundant-prefix-index',
    severity: 'warning',
    summary: "A B-tree index's keys are the leading keys of another index of the table, which serves its lookups.",
    why: 'A B-tree on (a, b) answers lookups and ranges on a alone, so the index on (a) costs every write and its space in the cache for little: the longer index is somewhat larger to walk, rarely enough to matter. Unique and constraint indexes are never redundant: they enforce a rule.',
    help: 'Drop the shorter index after checking that no query needs it to be small (compare their scans in the statistics first).',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) => {
      const indexes = indexesOf(table);
      return indexes.flatMap((index) => {
        if (index.unique || index.constraint) return [];
        const longer = indexes.find((other) => other !== index && isPrefixOf(index, other));
        if (!longer) return [];
        return [
          {
            ...declaredAt(locations, table),
            message: `index \`${index.name}\` on \`${tableLabel(table)}\` ${keysLabel(index.keys)} is a prefix of \`${longer.name}\` ${keysLabel(longer.keys)}, which serves its lookups`,
            help: helpWithSql(`drop \`${index.name}\``, [dropIndexSql(table, index)]),
          },
        ];
      });
    }),
};
