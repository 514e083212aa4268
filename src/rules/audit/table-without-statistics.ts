import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { sqlTable, tableLabel } from './support/names.js';

export const tableWithoutStatistics: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'table-without-statistics',
    code: 'audit/table-without-statistics',
    severity: 'warning',
    summary: 'A table of a live database has never been analyzed: no row estimate and no time of the last ANALYZE.',
    why: 'The planner then guesses the row count and the value distribution, and picks plans for a table of a different size: nested loops over millions of rows, or scans where an index serves. Autovacuum analyzes a table only after enough writes, so a table loaded in bulk or restored can stay without statistics. Only a live database is read for this: a loaded file or a spec has no statistics to speak of.',
    help: 'Run ANALYZE on the table (and check that autovacuum runs on the server).',
  },
  check: ({ locations, introspection }) =>
    introspection.source.kind !== 'live'
      ? []
      : introspection.schema.tables
          .filter((t) => t.stats && t.stats.analyzedAt === null && t.stats.rows === null)
          .map((table) => ({
            ...declaredAt(locations, table),
            message: `table \`${tableLabel(table)}\` has no statistics: it was never analyzed, so the planner guesses its size`,
            help: helpWithSql('analyze it', [`ANALYZE ${sqlTable(table)}`]),
          })),
};
