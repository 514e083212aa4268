import type { Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { declaredAt } from './support/declared-at.js';
import { checkedColumns } from './support/columns.js';
import { columnLabel, sqlIdent, sqlTable } from './support/names.js';
import { lastWord } from './support/words.js';

/** A column whose name ends in one of these words usually holds one of a few values. */
export const ENUM_WORDS = new Set(['status', 'state', 'kind', 'type', 'role', 'category', 'level', 'stage', 'mode', 'priority', 'tier', 'phase']);

export const enumLikeTextWithoutCheck: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'enum-like-text-without-check',
    code: 'audit/enum-like-text-without-check',
    severity: 'info',
    summary: `A text column named like a set of values (its last word: ${[...ENUM_WORDS].join(', ')}) has no check, enum type or reference that limits its values.`,
    why: "Nothing stops 'Shipped', 'shipped ' and 'shiped' beside 'shipped': each typo is a state the code does not handle, and counts by status silently split.",
    help: 'List the allowed values in a CHECK (added NOT VALID, then validated), or use an enum type or a reference to a table of the values.',
  },
  check: ({ locations, introspection }) =>
    introspection.schema.tables.flatMap((table) => {
      const checked = checkedColumns(table);
      const referencing = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
      return table.columns
        .filter(
          (c) => (c.type.kind === 'string' || c.type.kind === 'text') && ENUM_WORDS.has(lastWord(c.name)) && !checked.has(c.name) && !referencing.has(c.name),
        )
        .map((c) => ({
          ...declaredAt(locations, table),
          message: `\`${columnLabel(table, c)}\` reads as one of a few values but any text is accepted`,
          help: `find the values in use (SELECT DISTINCT ${sqlIdent(c.name)} FROM ${sqlTable(table)}), then limit it: ALTER TABLE ${sqlTable(table)} ADD CONSTRAINT ${sqlIdent(`${table.name}_${c.name}_check`)} CHECK (${sqlIdent(c.name)} IN (…)) NOT VALID, then VALIDATE CONSTRAINT; or make it an enum type or a reference to a table of the values`,
        }));
    }),
};
