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
    why: 'An index no query reads still costs every insert and every update of its columns, vacuum work, and space on disk and in the cache. The counters cover one server since their last reset: a replica, a monthly report or a new feature may use the index, so the window is stated. Unique and primary-key indexes enforce a rule and are never reported, nor, when every index serving a foreign key is unused, the narrowest of them; without statistics (a file, a spec, or a database that does not say since when it counts) the rule says nothing.',
    help: 'Drop the index after checking the replicas and the rare jobs (or watch it over a longer window first).',
  },
  check: ({ locations, introspection }) => {
    const since = introspection.statsSince;
    // A freshly loaded file's counters are all zero whatever its engine says of their window.
    if (since === null || introspection.source.kind !== 'live') return [];
    return introspection.schema.tables.flatMap((table) => {
      const keyed = indexesOf(table);
      const unused = new Set(
        table.indexes
          .filter((i) => i.stats?.scans === 0 && !i.unique && i.valid !== false && !keyed.some((k) => k.name === i.name && k.constraint))
          .map((i) => i.name),
      );
      // Each foreign key keeps one index: when every index serving it is unused, the narrowest is not reported
      // (dropping them all would trade these findings for a missing-fk-index one).
      for (const fk of table.foreignKeys) {
        const serving = keyed.filter((k) => coversLeading(k, fk.columns));
        if (serving.length && serving.every((k) => unused.has(k.name)))
          unused.delete(serving.reduce((narrowest, k) => (k.keys.length < narrowest.keys.length ? k : narrowest)).name);
      }
      return table.indexes.flatMap((index) => {
        if (!unused.has(index.name)) return [];
        const self = keyed.find((k) => k.name === index.name)!;
        return [
          {
            ...declaredAt(locations, table),
            message: `index \`${index.name}\` on \`${tableLabel(table)}\` has not been scanned since ${since} (the statistics window), yet every write to \`${tableLabel(table)}\` maintains it (${formatBytes(index.stats?.bytes ?? 0)})`,
            help: helpWithSql('drop it once no replica or rare job needs it', [dropIndexSql(table, self)]),
          },
        ];
      });
    });
  },
};
