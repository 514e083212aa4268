import type { IndexCondition } from '../model/schema.js';

/** How a dialect spells a column name and a value in a condition. */
export interface ConditionSpelling {
  quote(name: string): string;
  literal(value: string | number | boolean): string;
}

/**
 * A structured row condition (a partial index's, a pre-aggregate's filter) in standard SQL, as
 * every dialect that has `<>`, `IN` and `IS [NOT] NULL` writes it: one renderer, each dialect's
 * quoting and literals. (SQL Server's filtered indexes take no NOT IN: its own file spells that.)
 */
export function renderIndexCondition(c: IndexCondition, spelling: ConditionSpelling): string {
  const column = spelling.quote(c.column);
  const list = () => c.values.map(spelling.literal).join(', ');
  switch (c.op) {
    case 'eq':
      return `${column} = ${spelling.literal(c.values[0]!)}`;
    case 'neq':
      return `${column} <> ${spelling.literal(c.values[0]!)}`;
    case 'in':
      return `${column} IN (${list()})`;
    case 'not-in':
      return `${column} NOT IN (${list()})`;
    case 'is-null':
      return `${column} IS NULL`;
    case 'is-not-null':
      return `${column} IS NOT NULL`;
  }
}
