import { type Change, tableKey } from '../../../model/change.js';
import type { Column, EnumType, Schema } from '../../../model/schema.js';
import { defaultValue } from '../ddl.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { quotePgIdentifier as q, quotePgLiteral } from '../quote.js';
import { qualified } from './names.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const createType = (e: EnumType) => `CREATE TYPE ${qualified(e.name)} AS ENUM (${e.values.map(quotePgLiteral).join(', ')})`;

/** The columns of a schema typed by the enum, as `table.column` keys. */
function columnsOf(schema: Schema, name: string): { table: string; column: Column }[] {
  return schema.tables.flatMap((t) =>
    t.columns.filter((c) => c.type.kind === 'enum' && c.type.name === name).map((column) => ({ table: tableKey(t), column })),
  );
}

/**
 * A type PostgreSQL cannot change in place (a value removed or moved): a new type under a temporary
 * name, every column converted through text (a rewrite of each table), then the swap of names.
 */
function replaceType(schema: Schema, from: EnumType, to: EnumType): string[] {
  const temporary = `${to.name}__new`;
  const columns = columnsOf(schema, from.name);
  return [
    createType({ name: temporary, values: to.values }),
    ...columns.flatMap(({ table, column }) => {
      const [t, c] = [qualified(table), q(column.name)];
      // A default typed by the old enum cannot be cast with the column: off during the conversion, back after it.
      return [
        ...(column.default ? [`ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT`] : []),
        `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${qualified(temporary)} USING ${c}::text::${qualified(temporary)}`,
        ...(column.default ? [`ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${defaultValue(column)}`] : []),
      ];
    }),
    `DROP TYPE ${qualified(from.name)}`,
    `ALTER TYPE ${qualified(temporary)} RENAME TO ${q(to.name.split('.').pop()!)}`,
  ];
}

export function addEnum(change: Of<'add-enum'>): StepDraft[] {
  return [
    {
      phase: 'expand',
      title: `create enum type ${change.enum.name}`,
      sql: [createType(change.enum)],
      transactional: true,
      reverse: { sql: [`DROP TYPE ${qualified(change.enum.name)}`], transactional: true },
      hazards: [],
    },
  ];
}

export function dropEnum(change: Of<'drop-enum'>): StepDraft[] {
  return [
    {
      phase: 'contract',
      title: `drop enum type ${change.enum.name}`,
      sql: [`DROP TYPE ${qualified(change.enum.name)}`],
      transactional: true,
      reverse: { sql: [createType(change.enum)], transactional: true },
      hazards: [],
    },
  ];
}

/** ADD VALUE is metadata only; PostgreSQL has no DROP VALUE, so the reverse replaces the type (rewriting the tables that use it). */
export function addEnumValue(change: Of<'add-enum-value'>, context: MigrationContext): StepDraft[] {
  const position =
    change.before !== undefined ? ` BEFORE ${quotePgLiteral(change.before)}` : change.after !== undefined ? ` AFTER ${quotePgLiteral(change.after)}` : '';
  const old = context.from.enums.find((e) => e.name === change.enum);
  const withValue = context.to.enums.find((e) => e.name === change.enum);
  const reverse =
    old && withValue
      ? {
          sql: replaceType(context.to, { ...withValue, values: withValue.values.filter((v) => old.values.includes(v) || v === change.value) }, old),
          transactional: true,
        }
      : { irreversible: `PostgreSQL cannot remove a value from ${change.enum}` };
  return [
    {
      phase: 'expand',
      title: `add value '${change.value}' to enum ${change.enum}`,
      sql: [`ALTER TYPE ${qualified(change.enum)} ADD VALUE ${quotePgLiteral(change.value)}${position}`],
      transactional: true,
      reverse,
      hazards: [],
      note: 'the new value can be used once the transaction that adds it has committed',
    },
  ];
}

export function replaceEnum(change: Of<'replace-enum'>, context: MigrationContext): StepDraft[] {
  const removed = change.from.values.filter((v) => !change.to.values.includes(v));
  return [
    {
      phase: 'migrate',
      title: `replace enum type ${change.to.name} (${removed.length ? `without ${removed.map((v) => `'${v}'`).join(', ')}` : 'values reordered'})`,
      sql: replaceType(context.from, change.from, change.to),
      transactional: true,
      reverse: { sql: replaceType(context.to, change.to, change.from), transactional: true },
      hazards: ['rewrite', ...(removed.length ? (['correctness'] as const) : [])],
      note: `every table with a column of this type is rewritten under ACCESS EXCLUSIVE${removed.length ? '; rows holding a removed value make the step fail: change them first' : ''}`,
    },
  ];
}
