import { type Change, tableKey } from '../../../model/change.js';
import type { Column, Schema } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { alter } from './alter.js';
import { mysqlColumnDefinition } from './column-sql.js';
import { tableIn } from './names.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/**
 * MySQL's enums are column types, not objects: a new or dropped enum type comes with its table or
 * column, whose steps write it. Its values change by MODIFY of each column with the type: members
 * added at the end are instant (the stored numbers of the others stay), anything else renumbers the
 * stored values, a table copy.
 */

/** The columns of `schema` typed by the enum, with their table keys. */
function columnsOf(schema: Schema, name: string): { table: string; column: Column }[] {
  return schema.tables.flatMap((t) =>
    t.columns.filter((c) => c.type.kind === 'enum' && c.type.name === name).map((column) => ({ table: tableKey(t), column })),
  );
}

/** The same column with the enum's values of `schema`, as MODIFY writes it. */
const modifyTo = (table: string, column: Column, schema: Schema, form: 'enum value at the end' | 'enum values changed') =>
  alter(table, `MODIFY ${mysqlColumnDefinition(column, schema)}`, form);

/** Whether every value the target adds comes after every value the source has. */
function addedAtTheEnd(from: readonly string[], to: readonly string[]): boolean {
  const lastOld = Math.max(...from.map((v) => to.indexOf(v)));
  return to.every((v, i) => from.includes(v) || i > lastOld);
}

export function addEnumValue(change: Of<'add-enum-value'>, context: MigrationContext): StepDraft[] {
  const old = context.from.enums.find((e) => e.name === change.enum);
  const target = context.to.enums.find((e) => e.name === change.enum);
  if (!old || !target) return [];
  // One MODIFY per column makes all of the enum's new values: the first added value's change writes it.
  if (target.values.find((v) => !old.values.includes(v)) !== change.value) return [];
  const atEnd = addedAtTheEnd(old.values, target.values);
  const added = target.values.filter((v) => !old.values.includes(v));
  return columnsOf(context.to, change.enum).flatMap(({ table, column }) => {
    const source = tableIn(context.from, context.tableRenames.get(table) ?? table)?.columns.find((c) => c.name === column.name);
    if (!source) return []; // a new column: its own step writes the type
    return [
      {
        phase: atEnd ? ('expand' as const) : ('migrate' as const),
        title: `add ${added.map((v) => `'${v}'`).join(', ')} to ${table}.${column.name}${atEnd ? ' at the end, instantly' : ' in the middle: a table copy'}`,
        table,
        sql: [modifyTo(table, { ...source, type: column.type }, context.to, atEnd ? 'enum value at the end' : 'enum values changed')],
        transactional: false,
        reverse: { sql: [modifyTo(table, source, context.from, 'enum values changed')], transactional: false },
        hazards: atEnd ? [] : ['rewrite'],
        note: atEnd
          ? 'members added after the last one keep the stored numbers of the others: ALGORITHM=INSTANT (while the list stays under 256 members); the reverse removes them, a table copy that fails if a row holds one'
          : 'a member inserted before others renumbers the stored values: ALGORITHM=COPY, LOCK=SHARED (writes wait for the copy); adding it at the end instead is instant',
      },
    ];
  });
}

export function replaceEnum(change: Of<'replace-enum'>, context: MigrationContext): StepDraft[] {
  const removed = change.from.values.filter((v) => !change.to.values.includes(v));
  return columnsOf(context.to, change.to.name).flatMap(({ table, column }) => {
    const source = tableIn(context.from, context.tableRenames.get(table) ?? table)?.columns.find((c) => c.name === column.name);
    if (!source) return [];
    return [
      {
        phase: 'migrate' as const,
        title: `change the values of ${table}.${column.name} (${removed.length ? `without ${removed.map((v) => `'${v}'`).join(', ')}` : 'reordered'}): a table copy`,
        table,
        sql: [modifyTo(table, { ...source, type: column.type }, context.to, 'enum values changed')],
        transactional: false,
        reverse: { sql: [modifyTo(table, source, context.from, 'enum values changed')], transactional: false },
        hazards: ['rewrite', ...(removed.length ? (['correctness'] as const) : [])],
        note: `ALGORITHM=COPY, LOCK=SHARED renumbers every stored value${removed.length ? '; a row holding a removed value makes it fail under strict sql_mode: change those rows first' : ''}`,
      },
    ];
  });
}
