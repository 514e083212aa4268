import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { helpWithSql } from './support/fix-sql.js';
import { sqlIdent, tableLabel } from './support/names.js';

export const invalidIndex: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'invalid-index',
    code: 'audit/invalid-index',
    severity: 'error',
    summary: 'An index is marked invalid (a CREATE INDEX CONCURRENTLY or REINDEX that failed).',
    why: 'The planner never uses an invalid index, yet every write still maintains it: the queries it was built for scan, and an invalid unique index enforces nothing the application may rely on.',
    help: 'Rebuild it (REINDEX CONCURRENTLY), or drop it and create it again after fixing what made the build fail (a duplicate for a unique index, a deadlock, a cancel).',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) =>
      table.indexes
        .filter((i) => i.valid === false)
        .map((index) => ({
          ...declaredAt(locations, table),
          message: `index \`${index.name}\` on \`${tableLabel(table)}\` is invalid: queries never use it, writes still maintain it`,
          help: helpWithSql('rebuild it without blocking writes (outside a transaction)', [
            `REINDEX INDEX CONCURRENTLY ${table.namespace ? `${sqlIdent(table.namespace)}.` : ''}${sqlIdent(index.name)}`,
          ]),
        })),
    ),
};
