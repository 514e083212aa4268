import type { Rule } from '../../diagnostics/rule.js';
import type { Schema } from '../../model/schema.js';
import type { DesignContext } from './context.js';

/** A column that repeats an attribute of the table a foreign key references. */
export interface CopiedAttribute {
  readonly table: string;
  readonly column: string;
  /** The foreign-key column it sits beside (`customer_id`). */
  readonly via: string;
  /** The attribute it repeats (`customer.name`). */
  readonly source: string;
}

/**
 * `order.customer_name` beside `order.customer_id` repeats `customer.name`: a transitive dependency.
 * Only the declared keys are known, so this looks for the common undeclared one by name. The
 * normalization analysis reads the same list to state the normal form the design reaches.
 */
export function findCopiedAttributes(schema: Schema): CopiedAttribute[] {
  const found: CopiedAttribute[] = [];
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      const refColumn = fk.columns[fk.columns.length - 1]!;
      if (!refColumn.endsWith('_id')) continue;
      const prefix = refColumn.slice(0, -2);
      const target = schema.tables.find((t) => t.name === fk.refTable);
      if (!target) continue;
      for (const column of table.columns) {
        if (!column.name.startsWith(prefix) || column.name === refColumn) continue;
        const rest = column.name.slice(prefix.length);
        if (target.columns.some((c) => c.name === rest))
          found.push({ table: table.name, column: column.name, via: refColumn, source: `${target.name}.${rest}` });
      }
    }
  }
  return found;
}

export const copiedAttribute: Rule<DesignContext> = {
  meta: {
    set: 'design',
    name: 'copied-attribute',
    code: 'design/copied-attribute',
    severity: 'warning',
    summary: 'A column repeats an attribute of the table its foreign key references (`order.customer_name` beside `order.customer_id`).',
    why: 'The copy depends on the key through the other table (a transitive dependency): when the source changes, the copy keeps the old value unless every write updates both, and the design reaches only 2NF.',
    help: 'Remove the column and join through the foreign key, or keep it if it is a snapshot taken at write time (a price or an address as it was) and say so in its description.',
  },
  check: ({ schema }) =>
    findCopiedAttributes(schema).map((c) => ({
      message: `\`${c.table}.${c.column}\` appears to copy \`${c.source}\` (through \`${c.via}\`), which can drift from it`,
      help: `remove it and join through ${c.via}, or keep it if it is a snapshot taken at write time (say so in its description)`,
    })),
};
