import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { type DefinedColumn, typeFindings, writtenType } from './support/column-types.js';

const SMALL = new Set(['int2', 'int4', 'serial', 'serial2', 'serial4', 'smallserial']);

/** A key column: a primary key or a reference (by constraint), or named `id` / `…_id`, whose values only grow. */
function isKey(c: DefinedColumn): boolean {
  if (c.column === 'id' || c.column.endsWith('_id') || c.type.includes('serial')) return true;
  const kinds = (c.def.constraints ?? []).map((k) => ('Constraint' in k ? k.Constraint.contype : undefined));
  if (kinds.includes('CONSTR_PRIMARY') || kinds.includes('CONSTR_FOREIGN') || kinds.includes('CONSTR_IDENTITY')) return true;
  return (c.tableElts ?? []).some(
    (e) =>
      'Constraint' in e &&
      (e.Constraint.contype === 'CONSTR_PRIMARY' || e.Constraint.contype === 'CONSTR_FOREIGN') &&
      [...(e.Constraint.keys ?? []), ...(e.Constraint.fk_attrs ?? [])].some((k) => 'String' in k && k.String.sval === c.column),
  );
}

export const preferBigint: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'prefer-bigint',
    code: 'lint/prefer-bigint',
    severity: 'warning',
    summary: 'A key column (primary key, reference, identity or serial, `id`, `…_id`) of a 16- or 32-bit integer type; other integer columns as info.',
    why: 'A 32-bit key runs out at 2,147,483,647: inserts fail, and moving to bigint then is a rewrite of the table and of every table referencing it, under ACCESS EXCLUSIVE locks. bigint costs 4 more bytes a row.',
    help: 'Use `bigint` (`bigint GENERATED ALWAYS AS IDENTITY` for a generated key); for a column that is not a key, keep the small type only when its range is known to be small.',
  },
  check: (context) =>
    typeFindings(
      context,
      (c) => SMALL.has(c.type),
      (c) => {
        const key = isKey(c);
        const big = c.type.includes('serial') ? 'bigserial, or bigint GENERATED ALWAYS AS IDENTITY' : 'bigint';
        return {
          message: `${key ? 'key ' : ''}\`${c.table}.${c.column}\` is \`${writtenType(context, c)}\`${key ? `: it stops at ${c.type === 'int2' || c.type === 'serial2' || c.type === 'smallserial' ? '32,767' : '2,147,483,647'}` : ''}`,
          help: key ? `use ${big}` : `use ${big} unless the range is known to stay small`,
          ...(key ? {} : { severity: 'info' as const }),
        };
      },
    ),
};
