import type { Rule } from '../../diagnostics/rule.js';
import { formatBytes } from '../../format.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { dropIndexSql } from './support/drop-index.js';
import { helpWithSql } from './support/fix-sql.js';
import { coversLeading, indexesOf } from './support/indexes.js';
import { tableLabel } from './support/names.js';

export const unusedIndex: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'unused-index',
    code: 'audit/unused-index',
    severity: 'warning',
    summary: "An index the database's usage statistics show no scan of since they started counting (the window is stated).",
    why: 'An index no query reads still costs every insert and every update of its columns, vacuum work, and space on disk and in the cache. The counters cover one server since their last reset: a replica, a monthly report or a new feature may use the index, so the window is stated. Unique and primary-key indexes enforce a rule and are never reported, nor an index that is the only one serving a foreign key; without statistics (a file, a spec, or a database that does not say since when it counts) the rule says nothing.',
    help: 'Drop the index after checking the replicas and the rare jobs (or watch it over a longer window first).',
  },
  check: ({ locations, introspection }) => {
    const since = introspection.statsSince;
    // A freshly loaded file's counters are all zero whatever its engine says of their window.
    if (since === null || introspection.source.kind !== 'live') return [];
    return introspection.schema.tables.flatMap((table) => {
      const keyed = indexesOf(table);
      return table.indexes.flatMap((index) => {
        if (index.stats?.scans !== 0 || index.unique || index.valid === false) return [];
        if (keyed.some((k) => k.name === index.name && k.constraint)) return [];
        const others = keyed.filter((k) => k.name !== index.name);
        const self = keyed.find((k) => k.name === index.name)!;
        // Dropping the only index of a foreign key would trade this finding for a missing-fk-index one.
        if (table.foreignKeys.some((fk) => coversLeading(self, fk.columns) && !others.some((o) => coversLeading(o, fk.columns)))) return [];
        return [
          {
            ...declaredAt(locations, table),
            message: `index \`${index.name}\` on \`${tableLabel(table)}\` has not been scanned since ${since} (the statistics window), yet every write to \`${tableLabel(table)}\` maintains it (${formatBytes(index.stats.bytes)})`,
            help: helpWithSql('drop it once no replica or rare job needs it', [dropIndexSql(table, self)]),
          },
        ];
      });
    });
  },
};
