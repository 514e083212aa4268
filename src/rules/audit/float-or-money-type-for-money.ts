import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { columnsOf } from './support/columns.js';
import { helpWithSql } from './support/fix-sql.js';
import { columnLabel, sqlIdent, sqlTable } from './support/names.js';
import { wordsOf } from './support/words.js';

/** Words that make a column read as an amount of money (any word of its name). */
export const MONEY_WORDS = new Set([
  'price',
  'amount',
  'total',
  'subtotal',
  'cost',
  'balance',
  'fee',
  'tax',
  'vat',
  'discount',
  'salary',
  'wage',
  'revenue',
  'payment',
  'refund',
  'charge',
  'credit',
  'debit',
  'money',
]);

export const floatOrMoneyTypeForMoney: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'float-or-money-type-for-money',
    code: 'audit/float-or-money-type-for-money',
    severity: 'warning',
    summary: `A money amount is stored as a float (by its name: ${[...MONEY_WORDS].join(', ')}), or a column uses the database's \`money\` type.`,
    why: "Floats hold binary fractions: 0.10 is not exact, sums drift by cents and equal amounts compare unequal. The `money` type's fraction and symbol come from the server's locale (lc_monetary): a dump restored under another locale reads other amounts, and it holds no currency.",
    help: 'Store amounts as numeric(19,4) (or integer minor units), with the currency in a column of its own where there is more than one.',
  },
  check: ({ locations, introspection }) =>
    columnsOf(introspection.schema)
      .filter(({ column }) => column.type.kind === 'money' || (column.type.kind === 'float' && wordsOf(column.name).some((w) => MONEY_WORDS.has(w))))
      .map(({ table, column }) => ({
        ...declaredAt(locations, table),
        message:
          column.type.kind === 'money'
            ? `\`${columnLabel(table, column)}\` uses the \`money\` type, whose fraction and symbol depend on the server's locale`
            : `\`${columnLabel(table, column)}\` reads as money but is a float: amounts like 0.10 are not exact and sums drift`,
        help: helpWithSql('make it numeric(19,4) (the ALTER rewrites the table)', [
          `ALTER TABLE ${sqlTable(table)} ALTER COLUMN ${sqlIdent(column.name)} TYPE numeric(19,4)${column.type.kind === 'money' ? ` USING ${sqlIdent(column.name)}::numeric` : ''}`,
        ]),
      })),
};
