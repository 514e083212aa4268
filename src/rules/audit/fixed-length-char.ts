import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { columnsOf } from './support/columns.js';
import { helpWithSql } from './support/fix-sql.js';
import { columnLabel, sqlIdent, sqlTable } from './support/names.js';

export const fixedLengthChar: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'fixed-length-char',
    code: 'audit/fixed-length-char',
    severity: 'warning',
    summary: 'A column is `char(n)`: fixed-length, blank-padded text.',
    why: 'Shorter values are padded with spaces, which comparisons ignore in some places and keep in others (LIKE, concatenation, clients, other databases), so equal-looking values differ; the padding takes space, and it does not check that a value is n characters long.',
    help: 'Use varchar(n) or text, with a CHECK on char_length where the length is a rule (a two-letter country code).',
  },
  check: ({ locations, introspection }) =>
    columnsOf(introspection.schema).flatMap(({ table, column }) =>
      column.type.kind === 'char'
        ? [
            {
              ...declaredAt(locations, table),
              message: `\`${columnLabel(table, column)}\` is char(${column.type.length}): shorter values are padded with spaces`,
              help: helpWithSql(
                'make it varchar (casting drops the padding; the ALTER rewrites the table), and add a CHECK on char_length if every value must have that length',
                [`ALTER TABLE ${sqlTable(table)} ALTER COLUMN ${sqlIdent(column.name)} TYPE varchar(${column.type.length})`],
              ),
            },
          ]
        : [],
    ),
};
