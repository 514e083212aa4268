import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { typeFindings, writtenType } from './support/column-types.js';

const SERIALS = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

export const preferIdentity: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'prefer-identity',
    code: 'lint/prefer-identity',
    severity: 'warning',
    summary: 'A column declared `serial` (`smallserial`, `bigserial`).',
    why: 'serial is a shorthand for a sequence and a default that are separate objects: the sequence needs its own grants, is not copied by CREATE TABLE … LIKE, can be shared or dropped apart from the column, and any insert may set the column by hand and later collide with the sequence.',
    help: 'Use `bigint GENERATED ALWAYS AS IDENTITY` (or BY DEFAULT where the application sets the value): the sequence belongs to the column.',
  },
  check: (context) =>
    typeFindings(
      context,
      (c) => SERIALS.has(c.type),
      (c) => ({
        message: `\`${c.table}.${c.column}\` is \`${writtenType(context, c)}\`: its sequence is a separate object with its own grants`,
        help: `use ${c.type === 'serial8' || c.type === 'bigserial' ? 'bigint' : 'bigint (not int)'} GENERATED ALWAYS AS IDENTITY`,
      }),
    ),
};
