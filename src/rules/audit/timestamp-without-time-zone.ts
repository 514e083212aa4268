import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { columnsOf } from './support/columns.js';
import { helpWithSql } from './support/fix-sql.js';
import { columnLabel, sqlIdent, sqlTable } from './support/names.js';

export const timestampWithoutTimeZone: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'timestamp-without-time-zone',
    code: 'audit/timestamp-without-time-zone',
    severity: 'warning',
    summary: 'A column is `timestamp` without time zone.',
    why: 'The value is a wall-clock reading with no zone: what instant it means depends on the writer, so servers, clients and sessions in other zones read another time, daylight-saving hours repeat or vanish, and comparisons with `now()` shift with the session setting.',
    help: 'Store instants as `timestamp with time zone` (timestamptz), converting the values from the zone they were written in (often UTC); keep a wall-clock time only for a future local event, with its zone beside it.',
  },
  check: ({ locations, introspection }) =>
    columnsOf(introspection.schema)
      .filter(({ column }) => column.type.kind === 'timestamp' && !column.type.withTimeZone)
      .map(({ table, column }) => ({
        ...declaredAt(locations, table),
        message: `\`${columnLabel(table, column)}\` is \`timestamp\` without time zone: which instant it means depends on who reads it`,
        help: helpWithSql(
          'convert it to timestamptz, reading the values as UTC (if they were written in another zone, name that one; the ALTER rewrites the table)',
          [`ALTER TABLE ${sqlTable(table)} ALTER COLUMN ${sqlIdent(column.name)} TYPE timestamptz USING ${sqlIdent(column.name)} AT TIME ZONE 'UTC'`],
        ),
      })),
};
