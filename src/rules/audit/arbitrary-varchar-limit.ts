import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { columnsOf } from './support/columns.js';
import { helpWithSql } from './support/fix-sql.js';
import { columnLabel, sqlIdent, sqlTable } from './support/names.js';

/** Lengths picked by habit (a byte's range, powers of two, round thousands), not from what the values are. */
export const HABITUAL_LENGTHS = new Set([255, 256, 500, 512, 1000, 1024, 2000, 2048, 4000, 4096, 8000, 65535]);

export const arbitraryVarcharLimit: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'arbitrary-varchar-limit',
    code: 'audit/arbitrary-varchar-limit',
    severity: 'info',
    summary: `A \`varchar(n)\` column's limit is one picked by habit (${[...HABITUAL_LENGTHS].join(', ')}), not from what its values are.`,
    why: 'The limit is a rule no one decided: it rejects a rare long value in production while checking nothing about normal ones, and raising it later is a DDL change. In PostgreSQL, varchar(n) and text are stored the same, so the limit buys no space.',
    help: 'Use text, and where a limit means something (a code, a postcode), a CHECK on char_length with the real bound.',
  },
  check: ({ locations, introspection }) =>
    columnsOf(introspection.schema)
      .filter(({ column }) => column.type.kind === 'string' && HABITUAL_LENGTHS.has(column.type.length))
      .map(({ table, column }) => ({
        ...declaredAt(locations, table),
        message: `\`${columnLabel(table, column)}\` is varchar(${column.type.kind === 'string' ? column.type.length : ''}), a limit that says nothing about its values`,
        help: helpWithSql('make it text (no rewrite in PostgreSQL), with a CHECK on char_length if a real bound exists', [
          `ALTER TABLE ${sqlTable(table)} ALTER COLUMN ${sqlIdent(column.name)} TYPE text`,
        ]),
      })),
};
