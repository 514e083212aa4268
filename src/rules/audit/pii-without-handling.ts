import type { Rule } from '../../diagnostics/rule.js';
import type { Column, Table } from '../../model/schema.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { columnsOf } from './support/columns.js';
import { helpWithSql } from './support/fix-sql.js';
import { columnLabel, sqlIdent, sqlString, sqlTable } from './support/names.js';
import { wordsOf } from './support/words.js';

/** Words of a column name that make its values personal data, whatever the table. */
export const PII_WORDS = new Set([
  'email',
  'phone',
  'mobile',
  'ssn',
  'birth',
  'birthday',
  'birthdate',
  'dob',
  'address',
  'street',
  'postcode',
  'zip',
  'passport',
  'iban',
  'surname',
  'ip',
]);
/** `name` is personal in tables of people (and as first/last/full name anywhere). */
const PERSON_TABLES = new Set([
  'user',
  'users',
  'person',
  'people',
  'customer',
  'customers',
  'employee',
  'employees',
  'member',
  'members',
  'contact',
  'contacts',
  'patient',
  'patients',
  'student',
  'students',
]);
const NAME_QUALIFIERS = new Set(['first', 'last', 'full', 'given', 'family', 'middle', 'maiden']);
const PII_TYPES = new Set<Column['type']['kind']>(['string', 'text', 'char', 'date', 'timestamp', 'json', 'native']);

function looksPersonal(table: Table, column: Column): boolean {
  if (!PII_TYPES.has(column.type.kind)) return false;
  const words = wordsOf(column.name);
  if (words.some((w) => PII_WORDS.has(w))) return true;
  if (!words.includes('name')) return false;
  return words.some((w) => NAME_QUALIFIERS.has(w)) || (words.length === 1 && wordsOf(table.name).some((w) => PERSON_TABLES.has(w)));
}

/** Handling is recorded when the model marks the column personal, or its comment says `pii`. */
const recorded = (column: Column) => column.pii || /\bpii\b/i.test(column.comment ?? '');

export const piiWithoutHandling: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'pii-without-handling',
    code: 'audit/pii-without-handling',
    severity: 'info',
    summary: `A column looks like personal data by its name and type (${[...PII_WORDS].join(', ')}; \`name\` in a table of people or with first/last/full) and nothing records how it is handled.`,
    why: 'Personal data needs a decision about who may read it, how long it is kept and how it is erased on request (GDPR and the like); a column no one marked is missed by erasure jobs, masking in copies and access reviews.',
    help: "Record the handling: mark the field `pii` in the spec, or put it in the column's comment starting with `pii:` (who reads it, retention, erasure).",
  },
  check: ({ locations, introspection }) =>
    columnsOf(introspection.schema)
      .filter(({ table, column }) => looksPersonal(table, column) && !recorded(column))
      .map(({ table, column }) => ({
        ...declaredAt(locations, table),
        message: `\`${columnLabel(table, column)}\` looks like personal data and nothing records how it is handled`,
        help: helpWithSql("record it in the column's comment, then say there who may read it, how long it is kept and how it is erased", [
          `COMMENT ON COLUMN ${sqlTable(table)}.${sqlIdent(column.name)} IS ${sqlString(`pii: personal data${column.comment ? `. ${column.comment}` : ''}`)}`,
        ]),
      })),
};
