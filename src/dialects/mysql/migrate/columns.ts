import type { Change } from '../../../model/change.js';
import type { Column, Table } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { alter } from './alter.js';
import { mysqlColumnDefinition, mysqlColumnType, mysqlDefault, perRowDefault } from './column-sql.js';
import { after, batchedUpdate, before, columnOf } from './names.js';
import { dualWriteSteps } from './dual-write.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** The columns a key, an index, a foreign key or a check reads: replacing one by a new column would mean rebuilding those too. */
export function constrainedColumns(table: Table | undefined): Set<string> {
  if (!table) return new Set();
  return new Set([
    ...table.primaryKey.columns,
    ...table.uniques.flatMap((u) => u.columns),
    ...table.foreignKeys.flatMap((f) => f.columns),
    ...table.checks.flatMap((c) => ('column' in c.rule ? [c.rule.column] : c.rule.columns)),
    ...table.indexes.flatMap((i) => i.keys.flatMap((k) => (k.column ? [k.column] : []))),
  ]);
}

/** MODIFY with the whole definition (MODIFY replaces type, nullability, default and comment at once). */
export const modify = (table: string, column: Column, context: MigrationContext, schema = context.to) =>
  alter(table, `MODIFY ${mysqlColumnDefinition(column, schema)}`, column.nullable ? 'drop not null' : 'set not null');

/** NOT NULL on a column whose rows were filled: MODIFY … NOT NULL rebuilds the table in place (DML goes on; a NULL left fails it under strict sql_mode). */
export function notNullStep(table: string, column: Column, context: MigrationContext): StepDraft {
  return {
    phase: 'migrate',
    title: `set ${table}.${column.name} NOT NULL (an in-place rebuild of the table)`,
    table,
    sql: [modify(table, { ...column, nullable: false }, context)],
    transactional: false,
    reverse: { sql: [modify(table, { ...column, nullable: true }, context)], transactional: false },
    hazards: ['correctness'],
    note: 'InnoDB copies every row into a rebuilt table (ALGORITHM=INPLACE: reads and writes go on, logged and replayed at the end, with a brief exclusive metadata lock there); a row still NULL makes it fail, so fill them first',
  };
}

export function addColumn(change: Of<'add-column'>, context: MigrationContext): StepDraft[] {
  const { table, column } = change;
  const drop = {
    sql: [alter(table, `DROP COLUMN ${q(column.name)}`, 'drop column')],
    transactional: false,
    lost: `the values written to ${table}.${column.name}`,
  };
  if (column.identity || column.generated?.stored) {
    return [
      {
        phase: 'expand',
        title: `add ${table}.${column.name} (${column.identity ? 'AUTO_INCREMENT' : 'stored generated'}): a table copy`,
        table,
        sql: [alter(table, `ADD COLUMN ${mysqlColumnDefinition(column, context.to)}`, 'change type')],
        transactional: false,
        reverse: drop,
        hazards: [],
        note: 'the server fills every existing row, which no online form does: ALGORITHM=COPY, LOCK=SHARED (writes wait for the whole copy); on a large table use an online schema-change tool (gh-ost, pt-online-schema-change)',
      },
    ];
  }
  if (perRowDefault(column)) {
    const bare: Column = { ...column, nullable: true, default: undefined };
    return [
      {
        phase: 'expand',
        title: `add ${table}.${column.name} (nullable, no default yet)`,
        table,
        sql: [alter(table, `ADD COLUMN ${mysqlColumnDefinition(bare, context.to)}`, 'add column')],
        transactional: false,
        reverse: drop,
        hazards: ['application-change'],
        note: `a per-row default in ADD COLUMN is a table copy; rows written from now until the default is set need ${column.name} from the application`,
      },
      {
        phase: 'migrate',
        title: `backfill ${table}.${column.name} in batches`,
        table,
        sql: [],
        transactional: false,
        batch: {
          table,
          sql: batchedUpdate(before(context, table), table, `${q(column.name)} = ${mysqlDefault(column)}`, `${q(column.name)} IS NULL`, context.batchRows),
          rowsPerBatch: context.batchRows,
        },
        reverse: { sql: [], transactional: false },
        hazards: [],
      },
      {
        phase: 'migrate',
        title: `give ${table}.${column.name} its default${column.nullable ? '' : ' and NOT NULL'} (an in-place rebuild)`,
        table,
        sql: [modify(table, column, context)],
        transactional: false,
        reverse: { sql: [modify(table, bare, context)], transactional: false },
        hazards: ['correctness'],
      },
    ];
  }
  if (column.nullable || column.default) {
    return [
      {
        phase: 'expand',
        title: `add ${table}.${column.name}${column.nullable ? ' (nullable)' : ' NOT NULL with a constant default'}, instantly`,
        table,
        sql: [alter(table, `ADD COLUMN ${mysqlColumnDefinition(column, context.to)}`, 'add column')],
        transactional: false,
        reverse: drop,
        hazards: [],
        note: 'ALGORITHM=INSTANT writes only the data dictionary (the default too); added last, which both servers do instantly (MySQL 8.0.12+, MariaDB 10.3.2+)',
      },
    ];
  }
  return [
    {
      phase: 'expand',
      title: `add ${table}.${column.name} (nullable first: the target gives it no default)`,
      table,
      sql: [alter(table, `ADD COLUMN ${mysqlColumnDefinition({ ...column, nullable: true }, context.to)}`, 'add column')],
      transactional: false,
      reverse: drop,
      hazards: ['application-change'],
      note: `rows written before have no value: deploy code that writes ${column.name}, fill the old rows in batches, then NOT NULL`,
    },
    notNullStep(table, column, context),
  ];
}

export function dropColumn(change: Of<'drop-column'>, context: MigrationContext): StepDraft[] {
  const { table, column } = change;
  return [
    {
      phase: 'contract',
      title: `drop ${table}.${column.name}`,
      table,
      sql: [alter(table, `DROP COLUMN ${q(column.name)}`, 'drop column')],
      transactional: false,
      reverse: {
        sql: [alter(table, `ADD COLUMN ${mysqlColumnDefinition(column, context.from)}`, 'add column')],
        transactional: false,
        lost: `the values of ${table}.${column.name} (the reverse adds the column back last, empty${column.nullable || column.default ? '' : '; NOT NULL without a default needs an empty table'})`,
      },
      hazards: ['data-loss'],
      dataLoss: `the values of ${table}.${column.name}`,
      note: 'run once no deployed code reads the column; ALGORITHM=INSTANT needs MySQL 8.0.29+ or MariaDB 10.4+ (older servers refuse it rather than rebuild)',
    },
  ];
}

export function renameColumn(change: Of<'rename-column'>): StepDraft[] {
  const { table, from, to } = change;
  return [
    {
      phase: 'expand',
      title: `rename ${table}.${from} to ${to}`,
      table,
      sql: [alter(table, `RENAME COLUMN ${q(from)} TO ${q(to)}`, 'rename column')],
      transactional: false,
      reverse: { sql: [alter(table, `RENAME COLUMN ${q(to)} TO ${q(from)}`, 'rename column')], transactional: false },
      hazards: ['application-change'],
      note: `metadata only (INPLACE, LOCK=NONE, both servers; MySQL 8.0.28+ also does it instantly, MariaDB from 10.5 has RENAME COLUMN), but code naming ${from} fails from that moment: deploy code that tolerates both names first`,
    },
  ];
}

/** Whether the stored values stay valid as they are: a longer varchar (the server refuses when its length prefix would grow from 1 to 2 bytes). */
export function widens(from: Column, to: Column): boolean {
  return from.type.kind === 'string' && to.type.kind === 'string' && to.type.length >= from.type.length;
}

export function alterColumnType(change: Of<'alter-column-type'>, context: MigrationContext): StepDraft[] {
  const { table, from, to } = change;
  if (widens(from, to))
    return [
      {
        phase: 'migrate',
        title: `widen ${table}.${to.name} to ${mysqlColumnType(to.type, context.to)}`,
        table,
        sql: [alter(table, `MODIFY ${mysqlColumnDefinition(to, context.to)}`, 'widen varchar')],
        transactional: false,
        reverse: { sql: [alter(table, `MODIFY ${mysqlColumnDefinition(from, context.from)}`, 'change type')], transactional: false },
        hazards: [],
        lighterWork: { work: 'metadata', because: 'a longer varchar keeps every stored value as it is: INPLACE changes only the data dictionary' },
        note: 'the server refuses (instead of copying) when the length prefix would grow past 255 bytes; the reverse (narrowing) is a table copy',
      },
    ];
  if (!constrainedColumns(before(context, table)).has(from.name)) return dualWriteSteps(context, table, from, to);
  return [
    {
      phase: 'migrate',
      title: `change ${table}.${to.name} to ${mysqlColumnType(to.type, context.to)} in place: a table copy`,
      table,
      sql: [alter(table, `MODIFY ${mysqlColumnDefinition(to, context.to)}`, 'change type')],
      transactional: false,
      reverse: { sql: [alter(table, `MODIFY ${mysqlColumnDefinition(from, context.from)}`, 'change type')], transactional: false },
      hazards: ['rewrite'],
      note: `${from.name} is part of a key, an index or a constraint, which a new column would have to rebuild: ALGORITHM=COPY, LOCK=SHARED copies the table while writes wait, so on a large table use an online schema-change tool`,
    },
  ];
}

export function alterNullability(change: Of<'alter-column-nullability'>, context: MigrationContext): StepDraft[] {
  const column = columnOf(after(context, change.table), change.column) ?? columnOf(before(context, change.table), change.column);
  if (!column) throw new Error(`the plan names a column the schemas do not have: ${change.table}.${change.column}`);
  if (!change.nullable) return [notNullStep(change.table, column, context)];
  return [
    {
      phase: 'expand',
      title: `allow NULL in ${change.table}.${change.column} (an in-place rebuild)`,
      table: change.table,
      sql: [modify(change.table, { ...column, nullable: true }, context)],
      transactional: false,
      reverse: { sql: [modify(change.table, { ...column, nullable: false }, context)], transactional: false },
      hazards: [],
      note: 'INPLACE, LOCK=NONE on both servers (MariaDB 10.4+ does it without the rebuild)',
    },
  ];
}

export function alterDefault(change: Of<'alter-column-default'>): StepDraft[] {
  const c = q(change.to.name);
  const set = (column: Column) => {
    const value = mysqlDefault(column);
    return alter(change.table, value === undefined ? `ALTER COLUMN ${c} DROP DEFAULT` : `ALTER COLUMN ${c} SET DEFAULT ${value}`, 'set default');
  };
  return [
    {
      phase: 'expand',
      title: `${change.to.default ? 'set' : 'drop'} the default of ${change.table}.${change.to.name}`,
      table: change.table,
      sql: [set(change.to)],
      transactional: false,
      reverse: { sql: [set(change.from)], transactional: false },
      hazards: [],
      note: 'only rows inserted from now on get it; existing rows keep their values',
    },
  ];
}
