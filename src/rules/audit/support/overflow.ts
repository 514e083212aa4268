import { formatCount } from '../../../format.js';
import type { Column, Schema, Table } from '../../../model/schema.js';
import type { AuditFacts } from '../context.js';
import { helpWithSql } from './fix-sql.js';
import { columnLabel, sqlIdent, sqlTable } from './names.js';

/** A sequence-fed integer column and how much of its range it has used. */
export interface SequenceUse {
  readonly table: Table;
  readonly column: Column & { readonly sequence: NonNullable<Column['sequence']> };
  readonly type: 'int16' | 'int32' | 'int64';
  readonly lastValue: number;
  /** The lower of the type's maximum and the sequence's own. */
  readonly limit: number;
  readonly limitedBy: 'type' | 'sequence';
  readonly used: number;
}

/** Every integer column a sequence feeds, with the share of its range handed out (never-used sequences are left out). */
export function sequenceUses(schema: Schema, facts: AuditFacts): SequenceUse[] {
  return schema.tables.flatMap((table) =>
    table.columns.flatMap((column) => {
      const { type, sequence } = column;
      if (!sequence || sequence.lastValue === null || (type.kind !== 'int16' && type.kind !== 'int32' && type.kind !== 'int64')) return [];
      const typeMax = facts.integerMax[type.kind];
      const limit = Math.min(typeMax, sequence.maxValue);
      return [
        {
          table,
          column: { ...column, sequence },
          type: type.kind,
          lastValue: sequence.lastValue,
          limit,
          limitedBy: sequence.maxValue < typeMax ? ('sequence' as const) : ('type' as const),
          used: sequence.lastValue / limit,
        },
      ];
    }),
  );
}

/** A sequence's name in SQL: each dot-separated part quoted (`public.order_id_seq`). */
const sqlSequence = (name: string) => name.split('.').map(sqlIdent).join('.');
const percent = (share: number) => `${Math.floor(share * 100)}%`;

export const usageMessage = (use: SequenceUse): string =>
  `\`${columnLabel(use.table, use.column)}\` (${use.type}) has used ${percent(use.used)} of its range: its sequence \`${use.column.sequence.name}\` is at ${formatCount(use.lastValue)} of ${formatCount(use.limit)} (the ${use.limitedBy === 'type' ? "type's" : "sequence's"} maximum)`;

/** Widen the column and the columns that reference it to bigint, and the sequence with them; or raise a low sequence maximum. */
export function overflowHelp(use: SequenceUse, schema: Schema): string {
  const sequence = sqlSequence(use.column.sequence.name);
  if (use.limitedBy === 'sequence' && use.type !== 'int64')
    return helpWithSql(`raise the sequence's maximum to the column type's`, [`ALTER SEQUENCE ${sequence} NO MAXVALUE`]);
  if (use.type === 'int64')
    return `the column is already bigint: raise the sequence's maximum (ALTER SEQUENCE ${sequence} NO MAXVALUE), or plan a new key before it runs out`;
  const referencing = schema.tables.flatMap((t) =>
    t.foreignKeys
      .filter((fk) => fk.refTable === use.table.name && fk.refColumns.includes(use.column.name))
      .map((fk) => ({ table: t, column: fk.columns[fk.refColumns.indexOf(use.column.name)]! })),
  );
  return helpWithSql(
    `widen it to bigint, with the columns that reference it${referencing.length ? ` (${referencing.map((r) => columnLabel(r.table, r.column)).join(', ')})` : ''}; each ALTER rewrites its table under an exclusive lock, so plan the window or copy the table online`,
    [
      `ALTER TABLE ${sqlTable(use.table)} ALTER COLUMN ${sqlIdent(use.column.name)} TYPE bigint`,
      ...referencing.map((r) => `ALTER TABLE ${sqlTable(r.table)} ALTER COLUMN ${sqlIdent(r.column)} TYPE bigint`),
      `ALTER SEQUENCE ${sequence} AS bigint`,
    ],
  );
}
